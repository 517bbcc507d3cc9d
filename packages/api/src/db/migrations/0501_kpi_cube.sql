-- Yearly indicator values per county (the "cube"), rebuilt from the ledger when a source table has changed since the
-- last build (statement-level triggers mark it dirty). Years before the as-of year are read from here; the running
-- year is computed from the records with its date bounds.

create table kpi_cube (
  indicator text not null,
  region_code text not null,
  year integer not null,
  value double precision not null,
  primary key (indicator, region_code, year)
);

create table kpi_cube_state (
  id integer primary key check (id = 1),
  dirty boolean not null default true,
  built_at timestamptz,
  build_ms integer
);
insert into kpi_cube_state (id, dirty) values (1, true);

create function kpi_mark_dirty() returns trigger language plpgsql as $$
begin
  update kpi_cube_state set dirty = true where id = 1 and not dirty;
  return null;
end $$;

do $$
declare t text;
begin
  foreach t in array array['deals','deal_parties','deal_patents','deal_payments','pledges','product_filings','product_filing_reports',
                           'organisation_annual_reports','organisations','kpi_manual_figures','events','event_projects','registry_entries','service_records']
  loop
    if to_regclass(t) is not null then
      execute format('create trigger %I after insert or update or delete or truncate on %I for each statement execute function kpi_mark_dirty()', 'kpi_dirty_' || t, t);
    end if;
  end loop;
end $$;
