-- Technology listings (科技成果/技术供给): real public listings from provincial platforms, searchable with patents and demands.
create table tech_listings (
  id bigint generated always as identity primary key,
  name text not null,
  organisation_name text,
  org_id bigint references organisations(id),
  summary text,
  field text,
  form text,
  stage text,
  level text,
  keywords text,
  transfer_mode text,
  source text not null default 'import',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index tech_listings_updated_idx on tech_listings (updated_at);
