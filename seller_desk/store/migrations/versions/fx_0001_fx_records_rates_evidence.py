"""fx records, rates, evidence

Revision ID: fx_0001
Revises: 0001_foundation
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import seller_desk.store.types

revision = 'fx_0001'
down_revision = '0001_foundation'
branch_labels = ('fx',)
depends_on = None


def upgrade() -> None:
    op.create_table('fx_rates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('batch', sa.String(length=8), nullable=False),
    sa.Column('rate', seller_desk.store.types.DecimalText(length=40), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('entered_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind in ('safe_monthly', 'cny_central_parity')", name=op.f('ck_fx_rates_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fx_rates')),
    sa.UniqueConstraint('kind', 'currency', 'batch', name='uq_fx_rates_kind_currency_batch')
    )
    op.create_table('fx_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('amount_amount', seller_desk.store.types.Amount(), nullable=False),
    sa.Column('amount_currency', sa.String(length=3), nullable=False),
    sa.Column('usd_amount', seller_desk.store.types.Amount(), nullable=True),
    sa.Column('usd_rate', seller_desk.store.types.DecimalText(length=40), nullable=True),
    sa.Column('usd_batch', sa.String(length=6), nullable=True),
    sa.Column('usd_source', sa.String(length=200), nullable=True),
    sa.Column('cny_amount', seller_desk.store.types.Amount(), nullable=True),
    sa.Column('channel', sa.String(length=40), nullable=False),
    sa.Column('counterparty', sa.String(length=200), nullable=True),
    sa.Column('person', sa.String(length=100), nullable=True),
    sa.Column('trade_evidence', sa.Boolean(), nullable=False),
    sa.Column('evidence_text', sa.String(length=400), nullable=True),
    sa.Column('fee_amount', seller_desk.store.types.Amount(), nullable=True),
    sa.Column('gross_amount', seller_desk.store.types.Amount(), nullable=True),
    sa.Column('storage_fee', seller_desk.store.types.Amount(), nullable=True),
    sa.Column('logistics_fee', seller_desk.store.types.Amount(), nullable=True),
    sa.Column('tax_fee', seller_desk.store.types.Amount(), nullable=True),
    sa.Column('declaration_ref', sa.String(length=60), nullable=True),
    sa.Column('declared_usd', seller_desk.store.types.Amount(), nullable=True),
    sa.Column('external_id', sa.String(length=120), nullable=True),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind in ('receipt', 'payment', 'settlement', 'purchase', 'fee')", name=op.f('ck_fx_records_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fx_records')),
    sa.UniqueConstraint('channel', 'external_id', name='uq_fx_records_channel_external_id')
    )
    with op.batch_alter_table('fx_records', schema=None) as batch_op:
        batch_op.create_index('ix_fx_records_date', ['date'], unique=False)
        batch_op.create_index('ix_fx_records_kind_date', ['kind', 'date'], unique=False)

    op.create_table('fx_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.String(length=100), nullable=False),
    sa.Column('order_amount', seller_desk.store.types.Amount(), nullable=False),
    sa.Column('order_currency', sa.String(length=3), nullable=False),
    sa.Column('order_usd', seller_desk.store.types.Amount(), nullable=False),
    sa.Column('ship_date', sa.Date(), nullable=True),
    sa.Column('used_usd', seller_desk.store.types.Amount(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['record_id'], ['fx_records.id'], name=op.f('fk_fx_evidence_record_id_fx_records'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fx_evidence')),
    sa.UniqueConstraint('record_id', 'order_id', name='uq_fx_evidence_record_order')
    )
    with op.batch_alter_table('fx_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fx_evidence_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fx_evidence_record_id'), ['record_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('fx_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fx_evidence_record_id'))
        batch_op.drop_index(batch_op.f('ix_fx_evidence_order_id'))

    op.drop_table('fx_evidence')
    with op.batch_alter_table('fx_records', schema=None) as batch_op:
        batch_op.drop_index('ix_fx_records_kind_date')
        batch_op.drop_index('ix_fx_records_date')

    op.drop_table('fx_records')
    op.drop_table('fx_rates')
