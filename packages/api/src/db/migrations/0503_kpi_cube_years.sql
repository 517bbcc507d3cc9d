-- Incremental cube: a change to the deal ledger marks only the years it touches, and only those years are
-- recomputed from the records (the other source tables still mark the whole cube dirty).
--   deals:                     the contract years of the old and new rows, and the years of their payments
--   deal_parties, deal_patents: the contract year of their deal and the years of its payments
--   deal_payments:             the received years of the old and new rows
-- organisations only matter to the indicators through their region, type and size: other edits change nothing.

-- an append-only log (no unique key): concurrent writers of the same year never wait for each other or for a refresh,
-- which deletes only the rows it saw
create table kpi_cube_dirty_years (id bigint generated always as identity primary key, year integer not null);
alter table kpi_cube_state add column years_ms integer;
alter table kpi_cube_state add column refreshed_at timestamptz; -- the last full or yearly refresh

create function kpi_mark_deal_years(ids bigint[]) returns void language sql as $$
  insert into kpi_cube_dirty_years (year)
  select distinct y from (
    select extract(year from d.contract_date)::int as y from deals d where d.id = any(ids) and d.contract_date is not null
    union
    select extract(year from p.received_date)::int from deal_payments p where p.deal_id = any(ids) and p.received_date is not null
  ) s
$$;

create function kpi_years_deals() returns trigger language plpgsql as $$
begin
  if TG_OP in ('INSERT', 'UPDATE') then
    insert into kpi_cube_dirty_years (year) select distinct extract(year from contract_date)::int from new_rows where contract_date is not null;
    perform kpi_mark_deal_years(array(select id from new_rows));
  end if;
  if TG_OP in ('DELETE', 'UPDATE') then
    insert into kpi_cube_dirty_years (year) select distinct extract(year from contract_date)::int from old_rows where contract_date is not null;
  end if;
  return null;
end $$;

create function kpi_years_deal_children() returns trigger language plpgsql as $$
begin
  if TG_OP in ('INSERT', 'UPDATE') then perform kpi_mark_deal_years(array(select distinct deal_id from new_rows)); end if;
  if TG_OP in ('DELETE', 'UPDATE') then perform kpi_mark_deal_years(array(select distinct deal_id from old_rows)); end if;
  return null;
end $$;

create function kpi_years_payments() returns trigger language plpgsql as $$
begin
  if TG_OP in ('INSERT', 'UPDATE') then
    insert into kpi_cube_dirty_years (year) select distinct extract(year from received_date)::int from new_rows where received_date is not null;
  end if;
  if TG_OP in ('DELETE', 'UPDATE') then
    insert into kpi_cube_dirty_years (year) select distinct extract(year from received_date)::int from old_rows where received_date is not null;
  end if;
  return null;
end $$;

drop trigger if exists kpi_dirty_deals on deals;
drop trigger if exists kpi_dirty_deal_parties on deal_parties;
drop trigger if exists kpi_dirty_deal_patents on deal_patents;
drop trigger if exists kpi_dirty_deal_payments on deal_payments;

create trigger kpi_years_deals_ins after insert on deals referencing new table as new_rows for each statement execute function kpi_years_deals();
create trigger kpi_years_deals_upd after update on deals referencing old table as old_rows new table as new_rows for each statement execute function kpi_years_deals();
create trigger kpi_years_deals_del after delete on deals referencing old table as old_rows for each statement execute function kpi_years_deals();
create trigger kpi_years_parties_ins after insert on deal_parties referencing new table as new_rows for each statement execute function kpi_years_deal_children();
create trigger kpi_years_parties_upd after update on deal_parties referencing old table as old_rows new table as new_rows for each statement execute function kpi_years_deal_children();
create trigger kpi_years_parties_del after delete on deal_parties referencing old table as old_rows for each statement execute function kpi_years_deal_children();
create trigger kpi_years_patents_ins after insert on deal_patents referencing new table as new_rows for each statement execute function kpi_years_deal_children();
create trigger kpi_years_patents_upd after update on deal_patents referencing old table as old_rows new table as new_rows for each statement execute function kpi_years_deal_children();
create trigger kpi_years_patents_del after delete on deal_patents referencing old table as old_rows for each statement execute function kpi_years_deal_children();
create trigger kpi_years_payments_ins after insert on deal_payments referencing new table as new_rows for each statement execute function kpi_years_payments();
create trigger kpi_years_payments_upd after update on deal_payments referencing old table as old_rows new table as new_rows for each statement execute function kpi_years_payments();
create trigger kpi_years_payments_del after delete on deal_payments referencing old table as old_rows for each statement execute function kpi_years_payments();
-- truncation has no transition table: the whole cube
create trigger kpi_dirty_deals_trunc after truncate on deals for each statement execute function kpi_mark_dirty();
create trigger kpi_dirty_payments_trunc after truncate on deal_payments for each statement execute function kpi_mark_dirty();

drop trigger if exists kpi_dirty_organisations on organisations;
create trigger kpi_dirty_organisations after insert or delete or truncate on organisations for each statement execute function kpi_mark_dirty();
create trigger kpi_dirty_organisations_upd after update of region_code, type, size_class on organisations for each statement execute function kpi_mark_dirty();
