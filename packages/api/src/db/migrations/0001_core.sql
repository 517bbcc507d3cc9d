-- Core tables of the trunk: reference data, organisations, users and sessions, patents, audit, jobs.
-- PostgreSQL 15 and PGlite compatible. Money in integer fen (bigint, *_fen). Forward-only.

create table ref_region (
  code char(6) primary key,
  name text not null,
  level text not null check (level in ('province', 'city', 'county')),
  parent_code char(6),
  province_code char(6) not null
);

create table ref_ipc (
  code text primary key,            -- compact form: 'H01M4/525', 'H01M', 'H01', 'H'
  level text not null,
  title_zh text not null,
  parent_code text
);

create table ref_industry (           -- GB/T 4754-2017
  code text primary key,
  level text not null,
  name text not null,
  parent_code text,
  section text not null
);

create table ref_university (
  moe_code text primary key,
  name text not null,
  province_code text,
  city text,
  level text
);

create table ref_sei (                -- strategic emerging industries 2021: 9 industries + sub-areas + rules
  id integer primary key,
  sei_code text not null,
  sei_name text not null,
  parent_code text not null,
  parent_name text not null,
  keywords text
);

create table ref_sei_ipc (
  ipc_code text not null,
  sei_id integer not null references ref_sei(id),
  primary key (ipc_code, sei_id)
);

create table organisations (
  id bigint generated always as identity primary key,
  name text not null,
  type text not null check (type in ('university','research_institute','soe','private_enterprise','service_agency','bank','insurer','government')),
  size_class text check (size_class in ('large','medium','small','micro')),
  size_class_year integer,
  uscc text unique,
  region_code char(6) references ref_region(code),
  address text,
  industry_code text,
  business_scope text,
  products text,
  contact_name text,
  contact_phone text,
  contact_email text,
  is_demo boolean not null default false,
  generated_fields text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index organisations_region_idx on organisations (region_code);
create index organisations_type_idx on organisations (type);
create unique index organisations_name_uq on organisations (name);

-- Yearly figures an organisation reports (revenue, headcount): used by the SME-benefit indicators.
create table organisation_annual_reports (
  org_id bigint not null references organisations(id),
  year integer not null,
  revenue_fen bigint check (revenue_fen >= 0),
  employees integer check (employees >= 0),
  size_class text check (size_class in ('large','medium','small','micro')),
  primary key (org_id, year)
);

create table users (
  id bigint generated always as identity primary key,
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  role text not null check (role in ('platform_admin','org_admin','org_member','service_agent','bank_officer','auditor')),
  org_id bigint references organisations(id),
  region_code char(6) references ref_region(code),
  phone text,
  email text,
  status text not null default 'active' check (status in ('active','disabled')),
  failed_logins integer not null default 0,
  locked_until timestamptz,
  must_change_password boolean not null default false,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);

create table sessions (
  id text primary key,                 -- sha-256 of the token; the token itself is never stored
  user_id bigint not null references users(id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions (user_id);

create table patents (
  id bigint generated always as identity primary key,
  application_number text not null unique,      -- normalised: '201811564288.X'
  publication_number text,                      -- 'CN110448268A'
  grant_number text,                            -- 'CN110448268B'
  type text not null check (type in ('invention','utility_model','design')),
  title text not null,
  abstract text,
  claims_count integer check (claims_count >= 0),
  ipc_main text,                                -- compact 'H01M4/525'
  ipc_codes text[] not null default '{}',       -- main first
  inventors text[] not null default '{}',
  filing_date date,
  publication_date date,
  grant_date date,
  legal_status text not null default 'pending' check (legal_status in ('pending','in_force','lapsed')),
  legal_status_raw text,
  restorable boolean not null default false,
  lapse_reason text,
  lapse_date date,
  fee_paid_through date,
  term_extension_days integer not null default 0,
  overseas_family text[] not null default '{}',
  citations_count integer not null default 0,
  awards jsonb not null default '[]',
  region_code char(6),
  holder_address text,
  source text not null default 'import' check (source in ('import','manual','demo','generated')),
  generated_fields text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index patents_type_status_idx on patents (type, legal_status);
create index patents_ipc_main_idx on patents (ipc_main text_pattern_ops);
create index patents_region_idx on patents (region_code);
create index patents_filing_idx on patents (filing_date);
create index patents_grant_idx on patents (grant_date);
create index patents_pub_idx on patents (publication_number);

create table patent_holders (
  patent_id bigint not null references patents(id) on delete cascade,
  seq integer not null,
  name text not null,
  org_id bigint references organisations(id),
  primary key (patent_id, seq)
);
create index patent_holders_org_idx on patent_holders (org_id);

create table patent_status_history (
  id bigint generated always as identity primary key,
  patent_id bigint not null references patents(id) on delete cascade,
  event_date date,
  status text not null,
  raw text,
  event_code text,
  created_at timestamptz not null default now()
);
create index patent_status_history_patent_idx on patent_status_history (patent_id);

-- Evidence that a patent is used (deal, licence, pledge, product filing, declared own use).
-- Written by the ledger modules; read by the sleeping-patent rule.
create table patent_uses (
  id bigint generated always as identity primary key,
  patent_id bigint not null references patents(id) on delete cascade,
  kind text not null check (kind in ('transfer','licence','equity','pledge','product_filing','own_use','other')),
  source_type text,
  source_id bigint,
  org_id bigint references organisations(id),
  from_date date not null,
  to_date date,
  note text,
  created_by bigint references users(id),
  created_at timestamptz not null default now()
);
create index patent_uses_patent_idx on patent_uses (patent_id);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_user_id bigint,
  actor_org_id bigint,
  actor_role text,
  action text not null,
  entity text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  ip text,
  prev_hash text not null,
  hash text not null
);
create index audit_log_entity_idx on audit_log (entity, entity_id);

create table jobs (
  id bigint generated always as identity primary key,
  kind text not null,
  status text not null default 'queued' check (status in ('queued','running','succeeded','failed')),
  progress integer not null default 0,
  total integer not null default 0,
  message text,
  result jsonb,
  error jsonb,
  created_by bigint,
  org_id bigint,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
