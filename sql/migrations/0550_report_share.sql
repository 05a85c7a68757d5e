-- 0550_report_share.sql – the reports in the browser (issue #7): a
-- coordinator sends a signed report to the funders' portal; the share is
-- audit-logged in the same transaction. A funder then sees it among the
-- reports of the conventions it funds (sql/queries/report_portal.sql).

-- Share report p_report of organisation p_org, as person p_user. Returns
-- the report's id, or no row when it is not the organisation's or not
-- signed (the page answers 404). Sharing twice keeps the first date.
create function report_share(p_org bigint, p_user bigint, p_actor text,
    p_ip inet, p_report bigint)
returns table (id bigint)
language plpgsql as $$
begin
	update reports r set shared_at = coalesce(r.shared_at, now())
	where r.id = p_report and r.organisation_id = p_org
	  and r.status = 'signed';
	if not found then
		return;
	end if;
	perform audit_write(p_user, p_org, p_actor, p_ip, 'report.share',
	    'report', p_report::text, '{}');
	return query select p_report;
end
$$;
