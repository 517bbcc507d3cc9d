-- Supply lists (专利技术供给清单): a saved filter over an inventory run, reviewed, then published with a number.
-- Items are frozen when the list is reviewed, so a published list stays as published.
create table supply_lists (
  id bigint generated always as identity primary key,
  kind text not null default 'general' check (kind in ('general', 'soe_sharing')),
  title text not null,
  description text,
  filter jsonb not null default '{}',
  run_id bigint references inventory_runs(id),
  state text not null default 'draft' check (state in ('draft', 'reviewed', 'published')),
  list_no text unique,
  publish_year integer,
  publish_seq integer,
  published_on date,
  item_count integer not null default 0,
  org_id bigint references organisations(id),
  created_by bigint,
  reviewed_by bigint,
  reviewed_at timestamptz,
  review_comment text,
  published_by bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (kind, publish_year, publish_seq)
);
create index supply_lists_state_idx on supply_lists (state, published_on desc);

create table supply_list_items (
  list_id bigint not null references supply_lists(id) on delete cascade,
  seq integer not null,
  patent_id bigint not null,
  data jsonb not null,
  primary key (list_id, seq)
);
