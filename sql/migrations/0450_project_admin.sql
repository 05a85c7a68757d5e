-- 0450_project_admin.sql – what a coordinator changes in the Break Poverty
-- model from the browser (issue #6, app/project_admin.c): projects,
-- funders, conventions, indicators and their quarterly targets, the impact
-- chain, milestones, budget lines and what was spent per quarter.
--
-- One entry point, project_admin(), so that every change is scoped to the
-- session's organisation, checked and audit-logged in one transaction,
-- whatever the page: the C side validates the shape of each field (dates,
-- amounts, lengths, codes, an indicator's definition) and this function
-- the rest (ownership, uniqueness, periods). It answers one row:
--   status  'ok', or why not: 'not_found' (not this organisation's, or
--           gone), 'duplicate' (a code, reference or name taken),
--           'invalid' (a constraint of 0001: dates in the wrong order…),
--           'suivi_exists' (a convention has one follow-up indicator),
--           'out_of_period' (a target outside the convention's period),
--           'in_use' (a funder another organisation's conventions name)
--   id      the object created or changed (to go back to its page)
--   page    the page to go back to ('/projets/12', '/conventions/3', …)
--
-- f holds the fields in the order the action lists below; '' is "none"
-- for optional ones.

create function project_admin(p_org bigint, p_user bigint, p_actor text,
    p_ip inet, p_action text, p_id bigint, f text[])
returns table (status text, id bigint, page text)
language plpgsql as $$
declare
	v_id		bigint;
	v_project	bigint;
	v_conv		bigint;
	v_from		date;
	v_to		date;
	v_type		text;
	v_detail	jsonb := to_jsonb(f);
begin
	-- The object acted on must be this organisation's: find its project.
	case
	when p_action in ('project.update', 'convention.create', 'chain.add',
	    'milestone.add', 'budget.add') then
		select p.id into v_project from projects p
		where p.id = p_id and p.organisation_id = p_org;
	when p_action in ('convention.update', 'indicator.add') then
		select c.project_id, c.id into v_project, v_conv
		from conventions c join projects p on p.id = c.project_id
		where c.id = p_id and p.organisation_id = p_org;
	when p_action in ('indicator.update', 'indicator.delete',
	    'target.set') then
		select c.project_id, c.id, c.starts_on, c.ends_on
		into v_project, v_conv, v_from, v_to
		from indicators i join conventions c on c.id = i.convention_id
		join projects p on p.id = c.project_id
		where i.id = p_id and p.organisation_id = p_org;
	when p_action = 'chain.delete' then
		select s.project_id into v_project from impact_chain_steps s
		join projects p on p.id = s.project_id
		where s.id = p_id and p.organisation_id = p_org;
	when p_action in ('milestone.update', 'milestone.delete') then
		select s.project_id into v_project from milestones s
		join projects p on p.id = s.project_id
		where s.id = p_id and p.organisation_id = p_org;
	when p_action in ('budget.spend', 'budget.delete') then
		select s.project_id into v_project from budget_lines s
		join projects p on p.id = s.project_id
		where s.id = p_id and p.organisation_id = p_org;
	when p_action in ('project.create', 'funder.create') then
		v_project := 0;
	when p_action = 'funder.update' then
		if not exists (select 1 from funders fu where fu.id = p_id) then
			return;
		end if;
		if exists (select 1 from conventions c
		    join projects p on p.id = c.project_id
		    where c.funder_id = p_id and p.organisation_id <> p_org) then
			return query select 'in_use'::text, p_id, '/financeurs';
			return;
		end if;
		v_project := 0;
	else
		raise exception 'project_admin: unknown action %', p_action;
	end case;
	if v_project is null then
		return;		-- 404 for the page
	end if;

	begin
		case p_action
		when 'project.create' then
			insert into projects (organisation_id, code, name,
			    summary, audience, started_on, ends_on)
			values (p_org, f[1], f[2], f[3], f[4],
			    nullif(f[5], '')::date, nullif(f[6], '')::date)
			returning projects.id into v_id;
			v_project := v_id;
			v_type := 'project';
		when 'project.update' then
			update projects set name = f[1], summary = f[2],
			    audience = f[3], started_on = nullif(f[4], '')::date,
			    ends_on = nullif(f[5], '')::date
			where projects.id = v_project;
			v_id := v_project;
			v_type := 'project';
		when 'funder.create' then
			insert into funders (name, kind) values (f[1], f[2])
			returning funders.id into v_id;
			v_type := 'funder';
		when 'funder.update' then
			update funders set name = f[1], kind = f[2]
			where funders.id = p_id;
			v_id := p_id;
			v_type := 'funder';
		when 'convention.create' then
			insert into conventions (project_id, funder_id,
			    reference, title, amount_cents, starts_on, ends_on,
			    signed_on)
			values (v_project, f[1]::bigint, f[2], f[3],
			    f[4]::bigint, f[5]::date, f[6]::date,
			    nullif(f[7], '')::date)
			returning conventions.id into v_id;
			v_conv := v_id;
			v_type := 'convention';
		when 'convention.update' then
			update conventions set funder_id = f[1]::bigint,
			    reference = f[2], title = f[3],
			    amount_cents = f[4]::bigint, starts_on = f[5]::date,
			    ends_on = f[6]::date, signed_on = nullif(f[7], '')::date
			where conventions.id = v_conv;
			v_id := v_conv;
			v_type := 'convention';
		when 'indicator.add' then
			if f[1] = 'suivi' and exists (select 1 from indicators i
			    where i.convention_id = v_conv and i.kind = 'suivi')
			then
				return query select 'suivi_exists'::text, v_conv,
				    '/conventions/' || v_conv;
				return;
			end if;
			insert into indicators (convention_id, kind,
			    catalogue_code, label_fr, label_en, unit, definition,
			    position)
			values (v_conv, f[1], nullif(f[2], ''), f[3], f[4],
			    f[5], f[6]::jsonb,
			    (select coalesce(max(i.position), 0) + 1
			     from indicators i where i.convention_id = v_conv))
			returning indicators.id into v_id;
			v_type := 'indicator';
		when 'indicator.update' then
			update indicators set label_fr = f[1], label_en = f[2],
			    unit = f[3], definition = f[4]::jsonb
			where indicators.id = p_id;
			v_id := p_id;
			v_type := 'indicator';
		when 'indicator.delete' then
			delete from indicators where indicators.id = p_id;
			v_id := p_id;
			v_type := 'indicator';
		when 'target.set' then
			-- ends_on is the convention's last day.
			if f[1]::date < date_trunc('quarter', v_from)
			    or f[1]::date > v_to then
				return query select 'out_of_period'::text, v_conv,
				    '/conventions/' || v_conv;
				return;
			end if;
			if f[2] = '' then
				delete from indicator_targets t
				where t.indicator_id = p_id
				  and t.quarter = f[1]::date;
			else
				insert into indicator_targets as t (indicator_id,
				    quarter, target)
				values (p_id, f[1]::date, f[2]::numeric)
				on conflict (indicator_id, quarter) do update
				set target = excluded.target;
			end if;
			v_id := p_id;
			v_type := 'indicator';
		when 'chain.add' then
			-- The indicator that measures the step, if any, must
			-- be one of this project's conventions'.
			if f[3] <> '' and not exists (select 1 from indicators i
			    join conventions c on c.id = i.convention_id
			    where i.id = f[3]::bigint
			      and c.project_id = v_project) then
				return query select 'invalid'::text, p_id,
				    null::text;
				return;
			end if;
			insert into impact_chain_steps (project_id, stage,
			    position, label, indicator_id)
			values (v_project, f[1],
			    (select coalesce(max(s.position), 0) + 1
			     from impact_chain_steps s
			     where s.project_id = v_project and s.stage = f[1]),
			    f[2], nullif(f[3], '')::bigint)
			returning impact_chain_steps.id into v_id;
			v_type := 'impact_chain_step';
		when 'chain.delete' then
			delete from impact_chain_steps s where s.id = p_id;
			v_id := p_id;
			v_type := 'impact_chain_step';
		when 'milestone.add' then
			insert into milestones (project_id, label, planned_on,
			    status, done_on)
			values (v_project, f[1], f[2]::date, f[3],
			    nullif(f[4], '')::date)
			returning milestones.id into v_id;
			v_type := 'milestone';
		when 'milestone.update' then
			update milestones set status = f[1],
			    done_on = nullif(f[2], '')::date
			where milestones.id = p_id;
			v_id := p_id;
			v_type := 'milestone';
		when 'milestone.delete' then
			delete from milestones where milestones.id = p_id;
			v_id := p_id;
			v_type := 'milestone';
		when 'budget.add' then
			insert into budget_lines (project_id, label, category,
			    planned_cents, position)
			values (v_project, f[1], f[2], f[3]::bigint,
			    (select coalesce(max(b.position), 0) + 1
			     from budget_lines b where b.project_id = v_project))
			returning budget_lines.id into v_id;
			v_type := 'budget_line';
		when 'budget.spend' then
			if f[2] = '' then
				delete from budget_spending s
				where s.budget_line_id = p_id
				  and s.quarter = f[1]::date;
			else
				insert into budget_spending as s (budget_line_id,
				    quarter, spent_cents)
				values (p_id, f[1]::date, f[2]::bigint)
				on conflict (budget_line_id, quarter) do update
				set spent_cents = excluded.spent_cents;
			end if;
			v_id := p_id;
			v_type := 'budget_line';
		when 'budget.delete' then
			delete from budget_lines where budget_lines.id = p_id;
			v_id := p_id;
			v_type := 'budget_line';
		end case;
	exception
		when unique_violation then
			return query select 'duplicate'::text, p_id, null::text;
			return;
		when check_violation or not_null_violation
		    or invalid_datetime_format or datetime_field_overflow
		    or invalid_text_representation
		    or numeric_value_out_of_range then
			return query select 'invalid'::text, p_id, null::text;
			return;
		when foreign_key_violation then	-- a funder or code gone
			return query select 'invalid'::text, p_id, null::text;
			return;
	end;

	perform audit_write(p_user, p_org, p_actor, p_ip, p_action, v_type,
	    v_id::text, v_detail);
	return query select 'ok'::text, v_id,
	    case
	    when p_action like 'funder.%' then '/financeurs'
	    when p_action like 'indicator.%' or p_action = 'target.set'
		or p_action = 'convention.update'
	    then '/conventions/' || v_conv
	    when p_action = 'convention.create' then '/conventions/' || v_id
	    else '/projets/' || v_project end;
end
$$;
