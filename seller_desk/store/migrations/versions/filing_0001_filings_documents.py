"""filing: contacts, bank accounts, filings, history, documents

Revision ID: filing_0001
Revises: 0001_foundation
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import seller_desk.store.types

revision = 'filing_0001'
down_revision = '0001_foundation'
branch_labels = ('filing',)
depends_on = None


def upgrade() -> None:
    op.create_table('bank_accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bank_name', sa.String(length=200), nullable=False),
    sa.Column('account_name', sa.String(length=200), nullable=False),
    sa.Column('account_number', seller_desk.store.types.Encrypted(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('purpose', sa.String(length=30), nullable=False),
    sa.Column('swift', sa.String(length=11), nullable=True),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('remote_status', sa.String(length=40), nullable=True),
    sa.CheckConstraint("purpose in ('fx_settlement', 'cny_settlement', 'payment_provider', 'other')", name=op.f('ck_bank_accounts_purpose')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_accounts')),
    sa.UniqueConstraint('uuid', name=op.f('uq_bank_accounts_uuid'))
    )
    op.create_table('company_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('remote_status', sa.String(length=40), nullable=True),
    sa.CheckConstraint("role in ('legal_representative', 'customs', 'finance', 'operations', 'other')", name=op.f('ck_company_contacts_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_company_contacts')),
    sa.UniqueConstraint('uuid', name=op.f('uq_company_contacts_uuid'))
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('type', sa.String(length=10), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('stored_path', sa.String(length=300), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('remote_status', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('sha256', name=op.f('uq_documents_sha256')),
    sa.UniqueConstraint('uuid', name=op.f('uq_documents_uuid'))
    )
    op.create_table('filings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=True),
    sa.Column('number', sa.String(length=100), nullable=True),
    sa.Column('authority', sa.String(length=200), nullable=True),
    sa.Column('submitted_on', sa.Date(), nullable=True),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('remote_status', sa.String(length=40), nullable=True),
    sa.CheckConstraint("kind in ('zone_platform', 'customs_declarant', 'customs_declarant_temporary', 'customs_cbec_registration', 'fx_list', 'fx_personal_account', 'overseas_warehouse_booking', 'marketplace_store', 'eport_card', 'mode_9810', 'foreign_trade_operator')", name=op.f('ck_filings_kind')),
    sa.CheckConstraint("status in ('draft', 'submitted', 'approved', 'rejected', 'expired', 'cancelled')", name=op.f('ck_filings_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_filings')),
    sa.UniqueConstraint('uuid', name=op.f('uq_filings_uuid'))
    )
    with op.batch_alter_table('filings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_filings_kind'), ['kind'], unique=False)
        batch_op.create_index('ix_filings_status_valid_until', ['status', 'valid_until'], unique=False)

    op.create_table('document_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('owner_kind', sa.String(length=20), nullable=False),
    sa.Column('owner_id', sa.String(length=64), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("owner_kind in ('filing', 'company', 'product', 'order', 'receipt')", name=op.f('ck_document_links_owner_kind')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_links_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_links')),
    sa.UniqueConstraint('document_id', 'owner_kind', 'owner_id', name=op.f('uq_document_links_document_id'))
    )
    with op.batch_alter_table('document_links', schema=None) as batch_op:
        batch_op.create_index('ix_document_links_owner', ['owner_kind', 'owner_id'], unique=False)

    op.create_table('filing_status_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('filing_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=True),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('number', sa.String(length=100), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['filing_id'], ['filings.id'], name=op.f('fk_filing_status_history_filing_id_filings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_filing_status_history'))
    )
    with op.batch_alter_table('filing_status_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_filing_status_history_filing_id'), ['filing_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('filing_status_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_filing_status_history_filing_id'))

    op.drop_table('filing_status_history')
    with op.batch_alter_table('document_links', schema=None) as batch_op:
        batch_op.drop_index('ix_document_links_owner')

    op.drop_table('document_links')
    with op.batch_alter_table('filings', schema=None) as batch_op:
        batch_op.drop_index('ix_filings_status_valid_until')
        batch_op.drop_index(batch_op.f('ix_filings_kind'))

    op.drop_table('filings')
    op.drop_table('documents')
    op.drop_table('company_contacts')
    op.drop_table('bank_accounts')
