-- Matchmaking events and roadshows, registries and service records (家次).

create table events (
  id bigint generated always as identity primary key,
  title text not null,
  kind text not null check (kind in ('matchmaking','roadshow','exhibition','training','other')),
  organiser_org_id bigint references organisations(id),
  organiser_name text not null,
  event_date date not null,
  online boolean not null default false,
  place text,
  target_industry text,
  target_parks text,
  region_code char(6),
  description text,
  state text not null default 'planned' check (state in ('planned','held','closed','cancelled')),
  source text not null default 'platform' check (source in ('platform','import')),
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index events_date_idx on events (event_date);

create table event_registrations (
  event_id bigint not null references events(id) on delete cascade,
  org_id bigint not null references organisations(id),
  registered_at timestamptz not null default now(),
  primary key (event_id, org_id)
);

create table event_projects (
  id bigint generated always as identity primary key,
  event_id bigint not null references events(id) on delete cascade,
  kind text not null check (kind in ('patent','listing','demand')),
  ref_id bigint,
  title text not null,
  presenter_org_id bigint references organisations(id),
  created_at timestamptz not null default now()
);
create index event_projects_event_idx on event_projects (event_id);

create table event_outcomes (
  id bigint generated always as identity primary key,
  event_id bigint not null references events(id) on delete cascade,
  kind text not null check (kind in ('contact','intent','deal')),
  project_id bigint references event_projects(id) on delete set null,
  org_id bigint references organisations(id),
  deal_id bigint references deals(id),
  note text,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  check (kind <> 'deal' or deal_id is not null)
);
create index event_outcomes_event_idx on event_outcomes (event_id);
create unique index event_outcomes_deal_uq on event_outcomes (event_id, deal_id) where deal_id is not null;

create table registry_entries (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('agency','specialist','pool','pilot_base','hv_center','nav_project','service_outlet','typical_case')),
  name text not null,
  org_id bigint references organisations(id),
  region_code char(6),
  start_date date,
  attrs jsonb not null default '{}',
  state text not null check (state in ('draft','active','published','withdrawn')),
  published_at timestamptz,
  source text not null default 'platform' check (source in ('platform','import')),
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index registry_entries_kind_idx on registry_entries (kind, state);
create unique index registry_entries_kind_name_uq on registry_entries (kind, name);

create table service_records (
  id bigint generated always as identity primary key,
  agency_org_id bigint not null references organisations(id),
  enterprise_org_id bigint not null references organisations(id),
  specialist_id bigint references registry_entries(id),
  service_date date not null,
  type text not null check (type in ('consulting','navigation','valuation','custody','negotiation','filing','financing','training','other')),
  content text not null,
  source text not null default 'platform' check (source in ('platform','import')),
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  check (agency_org_id <> enterprise_org_id)
);
create index service_records_agency_idx on service_records (agency_org_id, service_date);
create index service_records_enterprise_idx on service_records (enterprise_org_id);
