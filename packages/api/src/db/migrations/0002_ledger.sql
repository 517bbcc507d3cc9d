-- The core ledger every indicator is computed from. Modules extend these tables in their own ranges.
-- Party facts (type, size class, region) are copied onto the deal as of the deal date, so later
-- changes to an organisation never rewrite history.

create table deals (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('transfer','licence','equity')),
  licence_kind text check (licence_kind in ('exclusive','sole','ordinary','open','sub','cross')),
  title text not null,
  state text not null default 'draft' check (state in ('draft','signed','registered','performing','completed','terminated')),
  contract_date date,
  effective_date date,
  end_date date,
  contract_amount_fen bigint not null default 0 check (contract_amount_fen >= 0),
  registration_no text,
  registration_date date,
  source text not null default 'platform' check (source in ('platform','import','open_licence','event')),
  recorded_by_org_id bigint references organisations(id),
  created_by bigint references users(id),
  note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (kind <> 'licence' or licence_kind is not null)
);
create index deals_contract_date_idx on deals (contract_date);

create table deal_parties (
  id bigint generated always as identity primary key,
  deal_id bigint not null references deals(id) on delete cascade,
  side text not null check (side in ('out','in')),   -- out = gives the right (assignor/licensor), in = receives it
  role text not null,                                 -- assignor, assignee, licensor, licensee, investor, investee
  org_id bigint references organisations(id),
  name text not null,
  org_type text,
  size_class text,
  region_code char(6)
);
create index deal_parties_deal_idx on deal_parties (deal_id);
create index deal_parties_org_idx on deal_parties (org_id);

create table deal_patents (
  deal_id bigint not null references deals(id) on delete cascade,
  patent_id bigint not null references patents(id),
  primary key (deal_id, patent_id)
);
create index deal_patents_patent_idx on deal_patents (patent_id);

create table deal_schedule (
  id bigint generated always as identity primary key,
  deal_id bigint not null references deals(id) on delete cascade,
  due_date date not null,
  amount_fen bigint not null check (amount_fen >= 0),
  note text
);

create table deal_payments (
  id bigint generated always as identity primary key,
  deal_id bigint not null references deals(id) on delete cascade,
  received_date date not null,
  amount_fen bigint not null check (amount_fen > 0),
  reference text,
  idempotency_key text unique,
  created_by bigint references users(id),
  created_at timestamptz not null default now()
);
create index deal_payments_deal_idx on deal_payments (deal_id);
create index deal_payments_date_idx on deal_payments (received_date);

create table pledges (
  id bigint generated always as identity primary key,
  state text not null default 'applied',
  pledgor_org_id bigint not null references organisations(id),
  pledgee_org_id bigint references organisations(id),
  pledgor_org_type text,
  pledgor_size_class text,
  pledgor_region_code char(6),
  secured_amount_fen bigint check (secured_amount_fen >= 0),
  loan_amount_fen bigint check (loan_amount_fen >= 0),
  registration_no text,
  registration_date date,
  debt_term_start date,
  debt_term_end date,
  released_date date,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index pledges_registration_date_idx on pledges (registration_date);

create table pledge_patents (
  pledge_id bigint not null references pledges(id) on delete cascade,
  patent_id bigint not null references patents(id),
  primary key (pledge_id, patent_id)
);

create table product_filings (
  id bigint generated always as identity primary key,
  org_id bigint not null references organisations(id),
  org_type text,
  org_size_class text,
  region_code char(6),
  product_name text not null,
  category text,
  filing_no text unique,
  filing_date date,
  production_start date,
  state text not null default 'draft',
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table product_filing_patents (
  filing_id bigint not null references product_filings(id) on delete cascade,
  patent_id bigint not null references patents(id),
  role text not null check (role in ('own','licensed')),
  deal_id bigint references deals(id),
  primary key (filing_id, patent_id)
);

create table product_filing_reports (
  filing_id bigint not null references product_filings(id) on delete cascade,
  year integer not null,
  output_fen bigint check (output_fen >= 0),
  sales_fen bigint check (sales_fen >= 0),
  export_fen bigint check (export_fen >= 0),
  profit_fen bigint,
  ip_investment_fen bigint check (ip_investment_fen >= 0),
  jobs integer check (jobs >= 0),
  primary key (filing_id, year)
);
