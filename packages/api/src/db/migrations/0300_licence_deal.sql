-- Deal ledger extensions, open licensing (开放许可) and use-first-pay-later, idempotency keys.
-- Range 0300–0399 (licence/deal). Money in integer fen.

alter table deals add column amount_basis text not null default 'fixed' check (amount_basis in ('fixed','royalty'));
alter table deals add column territory text;
alter table deals add column field text;
alter table deals add column pledgee_consent boolean not null default false;
alter table deals add column terminated_reason text;
alter table deals add column external_ref text;
create index deals_state_idx on deals (state);
create index deals_registration_date_idx on deals (registration_date);

-- Who moved a deal from which state to which, when (the business date) and why.
create table deal_state_history (
  id bigint generated always as identity primary key,
  deal_id bigint not null references deals(id) on delete cascade,
  from_state text,
  to_state text not null,
  on_date date not null,
  reason text,
  actor_user_id bigint,
  created_at timestamptz not null default now()
);
create index deal_state_history_deal_idx on deal_state_history (deal_id);

-- A transfer (or equity contribution) changes the patent's holders from its effective date.
create table patent_holder_changes (
  id bigint generated always as identity primary key,
  patent_id bigint not null references patents(id) on delete cascade,
  deal_id bigint not null references deals(id) on delete cascade,
  effective_date date not null,
  from_holders jsonb not null,
  to_holders jsonb not null,
  created_at timestamptz not null default now(),
  unique (patent_id, deal_id)
);

-- Idempotency keys of money-changing requests: one row per (scope, key); the first request's answer is replayed.
create table idempotency_keys (
  scope text not null,
  key text not null,
  actor_user_id bigint,
  request_hash text not null,
  status_code integer,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);

create table open_licence_declarations (
  id bigint generated always as identity primary key,
  patent_id bigint not null references patents(id),
  org_id bigint not null references organisations(id),
  state text not null default 'submitted' check (state in ('submitted','published','rejected','withdrawn')),
  fee_mode text not null check (fee_mode in ('free','lump_sum','royalty','entry_plus_royalty')),
  fee_terms jsonb not null,
  pay_later boolean not null default false,
  licence_years integer not null check (licence_years >= 1),
  territory text,
  other_terms text,
  evaluation_report_no text,
  co_owners_consent boolean not null default false,
  pledgee_consent boolean not null default false,
  warnings jsonb not null default '[]',
  warnings_confirmed boolean not null default false,
  submitted_by bigint references users(id),
  submitted_at timestamptz not null default now(),
  reviewed_by bigint references users(id),
  reviewed_at timestamptz,
  review_comment text,
  published_date date,
  withdrawn_date date,
  withdraw_reason text,
  updated_at timestamptz not null default now()
);
create unique index open_licence_declarations_active_uq on open_licence_declarations (patent_id) where state in ('submitted','published');
create index open_licence_declarations_state_idx on open_licence_declarations (state);
create index open_licence_declarations_org_idx on open_licence_declarations (org_id);

-- A licence formed under a declaration (Art. 51); its money lives on the backing deal (deal_payments).
create table open_licences (
  id bigint generated always as identity primary key,
  declaration_id bigint not null references open_licence_declarations(id),
  deal_id bigint not null unique references deals(id),
  patent_id bigint not null references patents(id),
  licensor_org_id bigint not null references organisations(id),
  licensee_org_id bigint not null references organisations(id),
  fee_terms jsonb not null,
  notice_date date not null,
  payment_date date,
  licensed_from date not null,
  licensed_to date not null,
  trial_end date,
  state text not null check (state in ('trial','active','exited','terminated','expired')),
  decided_on date,
  filing_no text,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index open_licences_licensee_idx on open_licences (licensee_org_id);
create index open_licences_licensor_idx on open_licences (licensor_org_id);
create unique index open_licences_one_per_licensee_uq on open_licences (declaration_id, licensee_org_id) where state in ('trial','active');

-- The licensee's reports of use, with the royalty computed for each (exact to the fen).
create table licence_use_reports (
  id bigint generated always as identity primary key,
  licence_id bigint not null references open_licences(id) on delete cascade,
  period_start date not null,
  period_end date not null,
  net_sales_fen bigint,
  profit_fen bigint,
  units bigint,
  due_fen bigint not null check (due_fen >= 0),
  due_date date,
  in_trial boolean not null default false,
  note text,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  unique (licence_id, period_start, period_end)
);
