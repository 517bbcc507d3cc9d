-- Security module (issue 9): append-only audit log, TOTP second factor, password history, login attempts,
-- 三员 duties, security settings, audit checkpoints.

-- The audit log is append-only for everyone, the application included: UPDATE, DELETE and TRUNCATE raise.
-- (Retention ≥ 180 days is therefore met; a purge job would have to be an explicit, audited maintenance step.)
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception '审计日志只允许追加，不能修改或删除' using errcode = '42501';
end $$;
create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only();

-- Last verified position of the audit chain, so that deleting the newest entries is detected too.
create table audit_checkpoints (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  last_audit_id bigint not null,
  last_hash text not null,
  checked integer not null,
  ok boolean not null
);

create table user_totp (
  user_id bigint primary key references users(id),
  secret text not null,                 -- base32; shown once at setup
  enabled boolean not null default false,
  last_used_step bigint,                -- a code is single use
  created_at timestamptz not null default now(),
  activated_at timestamptz
);

create table password_history (
  id bigint generated always as identity primary key,
  user_id bigint not null references users(id),
  password_hash text not null,
  changed_at timestamptz not null default now()
);
create index password_history_user_idx on password_history (user_id, id desc);

create table login_attempts (
  id bigint generated always as identity primary key,
  user_id bigint not null references users(id),
  at timestamptz not null default now(),
  ok boolean not null,
  ip text
);
create index login_attempts_user_idx on login_attempts (user_id, at desc);

-- 三员分立: one duty per account at most (the primary key enforces it).
create table admin_duties (
  user_id bigint primary key references users(id),
  duty text not null check (duty in ('system','security','audit')),
  granted_by bigint,
  granted_at timestamptz not null default now()
);

create table security_settings (
  id integer primary key check (id = 1),
  settings jsonb not null,
  updated_at timestamptz not null default now()
);
