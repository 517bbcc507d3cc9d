-- Inventory (盘点) of sleeping patents: the holder's marks, the settings (grading weights), the runs and
-- their kept snapshots. PostgreSQL 15 and PGlite compatible. Forward-only.

-- The holder's declaration: used (自行实施) or excluded with a legitimate reason (正当理由), with who and when.
create table inventory_marks (
  patent_id bigint primary key references patents(id) on delete cascade,
  kind text not null check (kind in ('used', 'excluded')),
  reason text not null,
  from_date date,
  org_id bigint references organisations(id),
  marked_by bigint,
  marked_by_name text,
  marked_at timestamptz not null default now()
);

-- Active grading model and high-value parameters (JSON, validated by the domain rules before saving).
create table inventory_settings (
  key text primary key,
  value jsonb not null,
  updated_by bigint,
  updated_at timestamptz not null default now()
);

create table inventory_runs (
  id bigint generated always as identity primary key,
  batch_no text not null unique,               -- 盘点〔2024〕第1批
  batch_year integer not null,
  batch_seq integer not null,
  as_of date not null,
  scope text not null check (scope in ('all', 'holder', 'region')),
  holder_id bigint references organisations(id),
  region_code char(6),
  model_id text not null,
  model jsonb not null,                         -- the weights and thresholds used (kept for reproducibility)
  hv_config jsonb not null,
  state text not null default 'running' check (state in ('running', 'succeeded', 'failed')),
  job_id bigint,
  scanned integer not null default 0,
  pool_size integer not null default 0,
  summary jsonb,
  diff jsonb,
  prev_run_id bigint references inventory_runs(id),
  note text,
  created_by bigint,
  org_id bigint,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  unique (batch_year, batch_seq)
);
create index inventory_runs_scope_idx on inventory_runs (scope, holder_id, region_code, id);

-- The pool as found by a run (sleeping patents only), kept as it was: later patent changes do not rewrite it.
create table inventory_items (
  run_id bigint not null references inventory_runs(id) on delete cascade,
  patent_id bigint not null,
  pool text not null check (pool in ('univ', 'soe')),
  grade char(1) not null check (grade in ('A', 'B', 'C', 'D')),
  score smallint not null,
  legal_score smallint not null,
  technical_score smallint not null,
  economic_score smallint not null,
  sei_industry text,
  sei_codes text[] not null default '{}',
  industry_code text,
  holder_id bigint,
  holder_name text,
  holder_type text,
  region_code char(6),
  high_value boolean not null default false,
  hv_flags text[] not null default '{}',
  open_licence boolean not null default false,
  application_number text not null,
  title text not null,
  type text not null,
  ipc_main text,
  filing_date date,
  grant_date date,
  primary key (run_id, patent_id)
);
create index inventory_items_run_grade_idx on inventory_items (run_id, grade, score desc);
create index inventory_items_patent_idx on inventory_items (patent_id);
