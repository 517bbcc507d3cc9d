-- Plans and targets as data (规划/实施方案), hand-entered figures, generated reports.

create table kpi_plans (
  id text primary key,
  name text not null,
  issuer text not null default '',
  region_code char(6) not null,
  region_name text not null default '',
  start_year integer not null,
  end_year integer not null,
  baseline_year integer not null,
  ranking_level text not null default 'county' check (ranking_level in ('county','city')),
  phases jsonb not null default '[]',
  targets jsonb not null default '[]',
  ranking_weights jsonb not null default '[]',
  notes text not null default '',
  preset boolean not null default false,
  created_by bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (end_year >= start_year and baseline_year < start_year)
);

-- Figures entered by hand, only for indicators the platform has no source for. Value in the internal unit (fen for money).
create table kpi_manual_figures (
  id bigint generated always as identity primary key,
  indicator text not null,
  region_code char(6) not null,
  year integer not null,
  value numeric not null check (value >= 0),
  note text not null,
  entered_by bigint,
  entered_at timestamptz not null default now(),
  unique (indicator, region_code, year)
);

-- Generated reports (statistical tables .xlsx, annual work summary .docx), produced by jobs.
create table kpi_reports (
  id bigint generated always as identity primary key,
  job_id bigint,
  plan_id text not null,
  year integer not null,
  region_code char(6) not null,
  kind text not null check (kind in ('xlsx','docx')),
  filename text not null,
  content bytea not null,
  created_by bigint,
  created_at timestamptz not null default now()
);

create index deal_parties_region_idx on deal_parties (side, region_code);
create index pledges_pledgor_region_idx on pledges (pledgor_region_code);
create index product_filings_region_idx on product_filings (region_code);
