-- Pledge financing (质押融资) and patent product filing (专利产品备案): extend the trunk's ledger tables.

create table pledge_batches (
  id bigint generated always as identity primary key,
  name text not null,
  bank_org_id bigint not null references organisations(id),
  park_name text,
  credit_line_fen bigint not null check (credit_line_fen > 0),
  start_date date not null,
  end_date date not null,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  check (end_date > start_date)
);

alter table pledges
  add column batch_id bigint references pledge_batches(id),
  add column application_date date,
  add column requested_amount_fen bigint check (requested_amount_fen >= 0),
  add column purpose text,
  add column valuation_method text,
  add column valuation_fen bigint check (valuation_fen >= 0),
  add column appraiser text,
  add column valuer_org_id bigint references organisations(id),
  add column valuation_fee_fen bigint check (valuation_fee_fen >= 0),
  add column valuation_report_no text,
  add column valuation_date date,
  add column approved_amount_fen bigint check (approved_amount_fen >= 0),
  add column decision_date date,
  add column decision_reason text,
  add column debt_type text,
  add column scope_of_security text,
  add column co_owner_consent_org_ids bigint[] not null default '{}',
  add column loan_rate_bp integer check (loan_rate_bp between 0 and 3600),
  add column loan_start date,
  add column loan_end date,
  add column enhancement text check (enhancement in ('none','insurance','guarantee')),
  add column enhancer_name text,
  add column premium_fen bigint check (premium_fen >= 0),
  add column risk_share jsonb,
  add column default_date date,
  add column unpaid_interest_fen bigint check (unpaid_interest_fen >= 0),
  add column claim_date date,
  add column claim_recovered_fen bigint check (claim_recovered_fen >= 0),
  add column claim_loss_fen bigint check (claim_loss_fen >= 0),
  add column claim_fund_fen bigint check (claim_fund_fen >= 0),
  add column claim_detail jsonb,
  add column source text not null default 'platform' check (source in ('platform','import')),
  add column note text,
  add constraint pledges_state_chk check (state in ('applied','valued','approved','rejected','registered','disbursed','repaid','released','defaulted','compensated','withdrawn'));
create index pledges_pledgor_idx on pledges (pledgor_org_id);
create index pledges_pledgee_idx on pledges (pledgee_org_id);
create index pledges_batch_idx on pledges (batch_id);
create unique index pledges_registration_no_uq on pledges (registration_no) where registration_no is not null;
create index pledge_patents_patent_idx on pledge_patents (patent_id);

create table pledge_repayments (
  id bigint generated always as identity primary key,
  pledge_id bigint not null references pledges(id) on delete cascade,
  repaid_date date not null,
  principal_fen bigint not null check (principal_fen >= 0),
  interest_fen bigint not null default 0 check (interest_fen >= 0),
  idempotency_key text unique,
  created_by bigint references users(id),
  created_at timestamptz not null default now()
);
create index pledge_repayments_pledge_idx on pledge_repayments (pledge_id);

alter table product_filings
  add column description text,
  add column integrity_pledge boolean not null default false,
  add column review_reason text,
  add column reviewed_by bigint references users(id),
  add column reviewed_at timestamptz,
  add column withdrawn_reason text,
  add column withdrawn_date date,
  add column source text not null default 'platform' check (source in ('platform','import')),
  add constraint product_filings_state_chk check (state in ('draft','submitted','filed','returned','withdrawn'));
create index product_filings_org_idx on product_filings (org_id);
create index product_filings_date_idx on product_filings (filing_date);
create index product_filing_patents_patent_idx on product_filing_patents (patent_id);

alter table product_filing_reports
  add column reported_by bigint references users(id),
  add column reported_at timestamptz not null default now();
