-- report_pdf_bytes – the PDF of report $3 (hex), same scope as
-- report_pdf.sql. app/report_portal.c (download, after the audit row).
select encode(r.pdf, 'hex')
from reports r
left join conventions c on c.id = r.convention_id
where r.id = $3::bigint
  and (($2::bigint is not null and c.funder_id = $2::bigint
	and r.status = 'signed' and r.shared_at is not null)
    or ($2::bigint is null and r.organisation_id = $1::bigint))
