-- Cube values hold money in fen: keep them exact decimals, never floating point.
alter table kpi_cube alter column value type numeric using value::numeric;
