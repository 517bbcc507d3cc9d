-- Indexes for the patent and deal lists and the search index's catch-up:
--   patent numbers typed into the list's search box are prefix matches (LIKE 'x%'), which need pattern ops
--   under a non-C collation; unlinked holder names are matched by prefix the same way;
--   the search index polls patents changed since its watermark (updated_at).
create index if not exists patents_appno_pattern_idx on patents (application_number text_pattern_ops);
create index if not exists patents_pubno_pattern_idx on patents (publication_number text_pattern_ops);
create index if not exists patents_grantno_pattern_idx on patents (grant_number text_pattern_ops);
create index if not exists patents_updated_idx on patents (updated_at, id);
create index if not exists patent_holders_name_pattern_idx on patent_holders (name text_pattern_ops);
-- the deal list's default order (newest contract first, then newest id): read from the index, not sorted per request
create index if not exists deals_contract_date_list_idx on deals (contract_date desc nulls last, id desc);
