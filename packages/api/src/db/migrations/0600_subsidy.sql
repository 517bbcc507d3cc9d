-- Subsidies and awards (奖补): policies with versioned terms, the office's register of titles / awards / county
-- evaluations, applications with their review workflow, public-notice objections, and the step history.
-- Range 0600–0699. Money in integer fen.

create table subsidy_policies (
  id bigint generated always as identity primary key,
  code text not null unique,
  region_code text not null check (region_code ~ '^[0-9]{2}([0-9]{2}){0,2}$'),
  region_name text not null,
  year integer not null check (year between 2000 and 2100),
  item_kind text not null check (item_kind in ('pledge_loan','patent_grant','enterprise_honour','patent_award','deal','county_evaluation')),
  preset_code text,
  created_by bigint references users(id),
  created_at timestamptz not null default now()
);
create index subsidy_policies_year_idx on subsidy_policies (year);

-- Append-only versions of a policy's terms; an application records the version it was judged by.
create table subsidy_policy_versions (
  policy_id bigint not null references subsidy_policies(id) on delete cascade,
  version integer not null check (version >= 1),
  effective_from date not null,
  terms jsonb not null,
  budget_fen bigint not null check (budget_fen >= 0),
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  primary key (policy_id, version)
);

-- Records that no other ledger holds: enterprise titles, patent awards, county performance evaluations.
create table subsidy_records (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('honour','award','county_evaluation')),
  subtype text,
  org_id bigint references organisations(id),
  patent_id bigint references patents(id),
  record_date date,
  region_code char(6),
  year integer,
  score numeric(6,2) check (score between 0 and 100),
  document_no text,
  is_demo boolean not null default false,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  check (kind <> 'county_evaluation' or (region_code is not null and year is not null and score is not null)),
  check (kind = 'county_evaluation' or (org_id is not null and subtype is not null and record_date is not null))
);
create index subsidy_records_org_idx on subsidy_records (org_id);
create unique index subsidy_records_county_uq on subsidy_records (region_code, year) where kind = 'county_evaluation';

create table subsidy_applications (
  id bigint generated always as identity primary key,
  policy_id bigint not null references subsidy_policies(id),
  policy_version integer not null,
  policy_year integer not null,
  applicant_org_id bigint not null references organisations(id),
  applicant_org_type text not null,
  applicant_size_class text,
  applicant_region_code char(6),
  item_kind text not null,
  record_id bigint not null,
  item_key text not null,
  item_label text not null,
  status text not null default 'submitted'
    check (status in ('submitted','accepted','first_reviewed','second_reviewed','in_notice','approved','paid','rejected','withdrawn')),
  claimed_amount_fen bigint not null check (claimed_amount_fen > 0),
  amount_fen bigint not null check (amount_fen > 0 and amount_fen <= claimed_amount_fen),
  requested_fen bigint check (requested_fen > 0),
  declared jsonb not null default '{}',
  assessment jsonb not null,
  note text,
  submitted_on date not null,
  last_action_on date not null,
  accepted_by bigint references users(id),
  first_reviewer_id bigint references users(id),
  second_reviewer_id bigint references users(id),
  notice_start date,
  notice_end date,
  approved_by bigint references users(id),
  approved_on date,
  paid_by bigint references users(id),
  paid_on date,
  payment_ref text,
  reject_reason text,
  rejected_from text,
  idempotency_key text unique,
  created_by bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (second_reviewer_id is null or second_reviewer_id <> first_reviewer_id),
  check (status <> 'paid' or (paid_on is not null and payment_ref is not null)),
  check (status <> 'rejected' or reject_reason is not null)
);
-- An item can be claimed once under a policy (rejected and withdrawn applications free it again).
create unique index subsidy_applications_item_uq on subsidy_applications (policy_id, item_key) where status not in ('rejected','withdrawn');
-- A payment reference is used once: no double payment.
create unique index subsidy_applications_payment_uq on subsidy_applications (payment_ref) where payment_ref is not null;
create index subsidy_applications_policy_idx on subsidy_applications (policy_id, status);
create index subsidy_applications_org_idx on subsidy_applications (applicant_org_id);

create table subsidy_objections (
  id bigint generated always as identity primary key,
  application_id bigint not null references subsidy_applications(id),
  raised_on date not null,
  text text not null,
  contact text,
  raised_by bigint references users(id),
  status text not null default 'open' check (status in ('open','upheld','dismissed')),
  resolution text,
  resolved_by bigint references users(id),
  resolved_on date,
  created_at timestamptz not null default now()
);
create index subsidy_objections_app_idx on subsidy_objections (application_id);

-- Every workflow step, for the application's history (the audit log holds the same with hashes).
create table subsidy_steps (
  id bigint generated always as identity primary key,
  application_id bigint not null references subsidy_applications(id),
  action text not null,
  on_date date not null,
  from_status text,
  to_status text not null,
  amount_fen bigint,
  note text,
  actor_user_id bigint references users(id),
  created_at timestamptz not null default now()
);
create index subsidy_steps_app_idx on subsidy_steps (application_id);

-- Demo/training servers only: days added to today's date for this module's business date.
create table subsidy_demo_clock (
  id integer primary key default 1 check (id = 1),
  offset_days integer not null default 0 check (offset_days between 0 and 3650)
);

-- Paid subsidies, for the indicators (an SME that received a subsidy counts as benefiting in the year it was paid).
create view subsidy_paid_v as
  select a.id as application_id, a.policy_id, a.paid_on, a.amount_fen, a.applicant_org_id as org_id,
         a.applicant_org_type as org_type, a.applicant_size_class as size_class, a.applicant_region_code as region_code
    from subsidy_applications a where a.status = 'paid';
