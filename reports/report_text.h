/*
 * report_text – the report's fixed vocabulary in French and English: the
 * stages of the impact chain, the kinds of indicator, milestone statuses,
 * funder kinds and the answers of the fixed scales (smiley, yes / no /
 * don't know). Sentences of the layout stay next to the code that
 * writes them (report_layout.c); words shared by several files are here.
 */
#ifndef MESURE_REPORT_TEXT_H
#define MESURE_REPORT_TEXT_H

#include "i18n.h"

const char	*rt_stage(enum lang, const char *);
const char	*rt_indicator_kind(enum lang, const char *);
const char	*rt_milestone_status(enum lang, const char *);
const char	*rt_funder_kind(enum lang, const char *);
const char	*rt_answer_label(enum lang, const char *);
const char	*rt_smiley(enum lang, int);

#endif
