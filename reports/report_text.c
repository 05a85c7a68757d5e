/*
 * report_text – fixed words of the report, French first (see
 * report_text.h). Each table is { code, French, English }; an unknown
 * code is returned as it is, so nothing is ever blank.
 */
#include <string.h>

#include "report_text.h"

struct rt_word {
	const char	*code;
	const char	*text[LANG__MAX];
};

static const struct rt_word stages[] = {
	{ "resources", { "Ressources", "Resources" } },
	{ "activities", { "Activités", "Activities" } },
	{ "outputs", { "Réalisations", "Outputs" } },
	{ "outcomes", { "Résultats", "Outcomes" } },
	{ "impact", { "Impact", "Impact" } },
	{ NULL, { NULL, NULL } }
};

static const struct rt_word kinds[] = {
	{ "suivi", { "Suivi", "Follow-up" } },
	{ "impact", { "Impact", "Impact" } },
	{ "libre", { "Libre", "Free" } },
	{ NULL, { NULL, NULL } }
};

static const struct rt_word statuses[] = {
	{ "planned", { "Prévue", "Planned" } },
	{ "in_progress", { "En cours", "In progress" } },
	{ "done", { "Réalisée", "Done" } },
	{ "late", { "En retard", "Late" } },
	{ "cancelled", { "Annulée", "Cancelled" } },
	{ NULL, { NULL, NULL } }
};

static const struct rt_word funders[] = {
	{ "foundation", { "Fondation", "Foundation" } },
	{ "caf", { "Caisse d'allocations familiales", "Family benefits fund" } },
	{ "city", { "Collectivité", "Local authority" } },
	{ "state", { "État", "State" } },
	{ "other", { "Autre financeur", "Other funder" } },
	{ NULL, { NULL, NULL } }
};

/* The answers of the fixed scales and the common "other". */
static const struct rt_word answers[] = {
	{ "oui", { "Oui", "Yes" } },
	{ "non", { "Non", "No" } },
	{ "nsp", { "Ne sait pas", "Don't know" } },
	{ "autre", { "Autre", "Other" } },
	{ "1", { "Très mécontent", "Very unhappy" } },
	{ "2", { "Mécontent", "Unhappy" } },
	{ "3", { "Moyen", "So-so" } },
	{ "4", { "Content", "Happy" } },
	{ "5", { "Très content", "Very happy" } },
	{ NULL, { NULL, NULL } }
};

static const char *
lookup(const struct rt_word *t, enum lang l, const char *code)
{
	size_t	i;

	if (code == NULL)
		return ("");
	if ((size_t)l >= LANG__MAX)
		l = LANG_FR;
	for (i = 0; t[i].code != NULL; i++)
		if (strcmp(t[i].code, code) == 0)
			return (t[i].text[l]);
	return (code);
}

const char *
rt_stage(enum lang l, const char *code)
{
	return (lookup(stages, l, code));
}

const char *
rt_indicator_kind(enum lang l, const char *code)
{
	return (lookup(kinds, l, code));
}

const char *
rt_milestone_status(enum lang l, const char *code)
{
	return (lookup(statuses, l, code));
}

const char *
rt_funder_kind(enum lang l, const char *code)
{
	return (lookup(funders, l, code));
}

const char *
rt_answer_label(enum lang l, const char *code)
{
	return (lookup(answers, l, code));
}

/* Level 1..5 of the smiley scale. */
const char *
rt_smiley(enum lang l, int level)
{
	static const char *const codes[] = { "1", "2", "3", "4", "5" };

	if (level < 1 || level > 5)
		return ("");
	return (lookup(answers, l, codes[level - 1]));
}
