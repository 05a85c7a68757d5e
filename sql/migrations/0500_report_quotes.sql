-- 0500_report_quotes.sql – the free-text answers a coordinator approved
-- for the reports (issue #7): "a few free-text answers chosen by the
-- coordinator, never shown without their approval".
--
-- An answer is quoted in a report only if it has a row here that is not
-- revoked (sql/queries/report_quotes.sql joins on it; nothing else reads
-- free text for a report). The coordinator may shorten the text or take
-- a detail out (shown_text), never add to it; the original answer is
-- untouched. Erasing the answer (RGPD) erases the approval with it.

create table answer_approvals (
	response_id		uuid not null,
	question		text not null,
	ordinal			smallint not null default 0,
	-- The text as the report shows it; NULL: the answer as given.
	shown_text		text check (length(shown_text) between 1 and 500),
	approved_by		bigint references users on delete set null,
	approved_at		timestamptz not null default now(),
	revoked_by		bigint references users on delete set null,
	revoked_at		timestamptz,
	primary key (response_id, question, ordinal),
	foreign key (response_id, question, ordinal)
	    references answers on delete cascade
);

-- The one place that says which answers are free text: the question
-- type in the survey version's definition. Only those can be approved.
create function answer_is_free_text(p_response uuid, p_question text)
returns boolean
language sql stable
return exists (
	select 1
	from responses r
	join survey_versions sv on sv.id = r.survey_version_id
	cross join lateral jsonb_array_elements(sv.definition->'questions') q
	where r.id = p_response
	  and (q->>'code' = p_question and q->>'type' = 'text'
	    or p_question = (q->>'code') || '_autre'));

create function answer_approvals_check() returns trigger
language plpgsql as $$
begin
	if not answer_is_free_text(new.response_id, new.question) then
		raise exception 'only free-text answers can be quoted'
		    using errcode = 'check_violation';
	end if;
	return new;
end
$$;

create trigger answer_approvals_check before insert or update of
    response_id, question on answer_approvals
	for each row execute function answer_approvals_check();
