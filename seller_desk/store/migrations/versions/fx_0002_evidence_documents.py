"""fx evidence documents: waybills and filings backing a receipt or settlement

Revision ID: fx_0002
Revises: fx_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'fx_0002'
down_revision = 'fx_0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fx_evidence_docs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('ref', sa.String(length=120), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('detail', sa.String(length=1000), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind in ('waybill', 'filing')", name=op.f('ck_fx_evidence_docs_kind')),
    sa.ForeignKeyConstraint(['record_id'], ['fx_records.id'], name=op.f('fk_fx_evidence_docs_record_id_fx_records'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fx_evidence_docs')),
    sa.UniqueConstraint('record_id', 'kind', 'ref', name='uq_fx_evidence_docs_record_kind_ref')
    )
    with op.batch_alter_table('fx_evidence_docs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fx_evidence_docs_record_id'), ['record_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('fx_evidence_docs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fx_evidence_docs_record_id'))
    op.drop_table('fx_evidence_docs')
