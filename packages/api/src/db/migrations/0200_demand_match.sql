-- Technology demands (技术需求), match feedback, contact requests and the match funnel.
-- PostgreSQL 15 and PGlite compatible. Money in integer fen. Forward-only.

create table demands (
  id bigint generated always as identity primary key,
  org_id bigint not null references organisations(id),
  created_by bigint references users(id),
  company_name text,                               -- the demanding company as listed (imported listings)
  title text not null,
  description text not null,
  indicators text,
  problem text,
  foundation text,
  industry text,
  region_code char(6) references ref_region(code),
  region_text text,
  budget_min_fen bigint check (budget_min_fen >= 0),
  budget_max_fen bigint check (budget_max_fen >= 0),
  budget_text text,
  mode text not null default 'any' check (mode in ('transfer','licence','equity','joint_rd','any')),
  valid_until date,
  contact_name text,
  contact_phone text,
  contact_email text,
  state text not null default 'draft' check (state in ('draft','submitted','published','matched','closed','expired')),
  review_comment text,
  reviewed_by bigint references users(id),
  reviewed_at timestamptz,
  published_at timestamptz,
  source text not null default 'manual' check (source in ('manual','import','demo')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (budget_min_fen is null or budget_max_fen is null or budget_min_fen <= budget_max_fen)
);
create index demands_org_idx on demands (org_id);
create index demands_state_idx on demands (state, published_at desc);
create index demands_updated_idx on demands (updated_at);

-- Each match run (for the funnel: how many results were shown).
create table match_runs (
  id bigint generated always as identity primary key,
  demand_id bigint references demands(id),
  org_id bigint references organisations(id),
  user_id bigint references users(id),
  results integer not null default 0,
  query_text text,
  created_at timestamptz not null default now()
);
create index match_runs_demand_idx on match_runs (demand_id);

create table match_feedback (
  id bigint generated always as identity primary key,
  demand_id bigint references demands(id),
  patent_id bigint not null references patents(id),
  org_id bigint references organisations(id),
  user_id bigint references users(id),
  kind text not null check (kind in ('interested','not_relevant')),
  reason text check (reason in ('too_early','wrong_field','too_expensive','already_have','other')),
  note text,
  created_at timestamptz not null default now()
);
create index match_feedback_patent_idx on match_feedback (patent_id);
create index match_feedback_demand_idx on match_feedback (demand_id);

create table contact_requests (
  id bigint generated always as identity primary key,
  demand_id bigint references demands(id),
  patent_id bigint not null references patents(id),
  from_org_id bigint references organisations(id),
  from_user_id bigint references users(id),
  to_org_id bigint references organisations(id),
  state text not null default 'pending' check (state in ('pending','accepted','declined','deal')),
  message text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index contact_requests_to_idx on contact_requests (to_org_id, state);
create index contact_requests_from_idx on contact_requests (from_org_id);
