-- vocab_all: every reference list a visit is described with, for the
-- visit form and the import (app/core/vocab.c), with the sites of the
-- organisation ($1). Columns: kind (see vocab_name[]), code, label_fr,
-- label_en, position.
select 'site', code, name, name, row_number() over (order by name)::int
from sites where organisation_id = $1::bigint and active
union all select 'domain', code, label_fr, label_en, position from domains
union all select 'procedure', code, label_fr, label_en, position from procedures
union all select 'help_kind', code, label_fr, label_en, position from help_kinds
union all select 'autonomy', code, label_fr, label_en, position from autonomy_levels
union all select 'partner', code, label_fr, label_en, position from partners
union all select 'skill', code, label_fr, label_en, position from digital_skills
order by 1, 5
