-- 0551_quote_approval.sql – a coordinator approves (or withdraws) a
-- free-text answer for the reports, from the browser (app/report_quotes.c;
-- 0500 keeps the approvals). Scoped by the organisation of the session,
-- audit-logged in the same transaction. The shown text may shorten the
-- answer, never lengthen it: a text longer than the answer is refused.

create function quote_set(p_org bigint, p_user bigint, p_actor text,
    p_ip inet, p_response uuid, p_question text, p_ordinal smallint,
    p_text text, p_approve boolean)
returns table (status text)
language plpgsql as $$
declare
	v_value text;
begin
	select a.value into v_value
	from answers a join responses r on r.id = a.response_id
	where a.response_id = p_response and a.question = p_question
	  and a.ordinal = p_ordinal and r.organisation_id = p_org;
	if not found or not answer_is_free_text(p_response, p_question) then
		return;		-- 404 for the page
	end if;
	if p_approve then
		if p_text is not null and (length(p_text) > length(v_value)
		    or length(p_text) = 0) then
			return query select 'too_long'::text;
			return;
		end if;
		insert into answer_approvals as ap (response_id, question,
		    ordinal, shown_text, approved_by)
		values (p_response, p_question, p_ordinal,
		    nullif(p_text, v_value), p_user)
		on conflict (response_id, question, ordinal) do update
		set shown_text = excluded.shown_text,
		    approved_by = excluded.approved_by, approved_at = now(),
		    revoked_by = null, revoked_at = null;
	else
		update answer_approvals ap set revoked_by = p_user,
		    revoked_at = now()
		where ap.response_id = p_response and ap.question = p_question
		  and ap.ordinal = p_ordinal and ap.revoked_at is null;
	end if;
	perform audit_write(p_user, p_org, p_actor, p_ip,
	    case when p_approve then 'quote.approve' else 'quote.revoke' end,
	    'answer', p_response::text || '/' || p_question, '{}');
	return query select 'ok'::text;
end
$$;
