/* SPDX-License-Identifier: Apache-2.0 */
/**
 * Assessments: questionnaires and requirement sets (the management
 * guideline's self-assessment, supply-chain ★ levels, IoT ☆ labels,
 * service criteria) kept as versioned data, the answers an organisation
 * gives, and their scores. The catalogue format is documented in
 * docs/assess.md and docs/schemas/catalogue.schema.json.
 */
#ifndef TSUNAGI_ASSESS_H
#define TSUNAGI_ASSESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A text a person reads, in English and Japanese (both present). */
typedef struct tsn_text {
    const char *en, *ja;
} tsn_text;

/** The text in Japanese when @p ja, else English; never NULL ("" when
 *  the text is absent). */
TSN_API const char *tsn_text_in(const tsn_text *t, bool ja);

/** One step of an answer scale. */
typedef struct tsn_scale_level {
    int value;       /**< what it scores */
    const char *key; /**< the word an answers file may give ("yes"), or NULL */
    tsn_text label;
    tsn_text description; /**< what an organisation at this step does */
} tsn_scale_level;

/** How a question is answered: a maturity scale, or choices such as
 *  yes / partly / no. Steps are in increasing value. */
typedef struct tsn_scale {
    const char *id;
    bool maturity; /**< a maturity model (steps build on each other) */
    const tsn_scale_level *levels;
    size_t nlevels;
    int min, max; /**< the lowest and highest value */
    int met;      /**< a requirement is met at this value and above */
} tsn_scale;

/** How scores are combined. */
typedef enum tsn_aggregation {
    TSN_AGG_MEAN,     /**< the mean */
    TSN_AGG_WEIGHTED, /**< the mean weighted by each part's weight */
    TSN_AGG_MIN       /**< the lowest */
} tsn_aggregation;

/** A question or requirement. */
typedef struct tsn_question {
    const char *id;
    tsn_text text;
    tsn_text help; /**< what to look at to answer, or absent */
    tsn_text next; /**< the next step when it falls short, or absent */
    const tsn_scale *scale;
    double weight;          /**< 1 unless the catalogue says otherwise */
    bool required;          /**< an answer must be given */
    bool not_applicable;    /**< "na" is an allowed answer */
    uint32_t levels;        /**< bit i: applies to the catalogue's level i */
    const char *const *csf; /**< NIST CSF 2.0 categories or subcategories */
    size_t ncsf;
    const char *confidence; /**< "C", "S", "K" or "U": how sure the
                                 catalogue's source is of it, or NULL */
    size_t section;         /**< index in tsn_catalogue.sections */
    uint32_t line;          /**< where it is in the catalogue file */
} tsn_question;

/** A group of questions: a directive, a category. */
typedef struct tsn_section {
    const char *id;
    tsn_text title;
    tsn_text short_title; /**< a word or two for a chart's axis, or absent */
    double weight;
    size_t first, count; /**< its questions in tsn_catalogue.questions */
    const char *const *csf;
    size_t ncsf;
} tsn_section;

/** How a level is attained. */
typedef enum tsn_level_rule {
    TSN_LEVEL_ALL_MET,  /**< every question applying to it is met */
    TSN_LEVEL_MIN_SCORE /**< the overall score is at least min_score */
} tsn_level_rule;

/** A level an organisation or product attains (★3, ☆1); in increasing
 *  order, each above the ones before. */
typedef struct tsn_level {
    const char *id;
    tsn_text label;
    tsn_text assessor;   /**< who confirms it (self, expert, third party) */
    int validity_months; /**< how long it holds, or 0 when not known */
    tsn_level_rule rule;
    double min_score;
} tsn_level;

/** A fact about the scheme and how sure the source is of it. */
typedef struct tsn_fact {
    const char *tag; /**< "C" confirmed, "S" secondary, "K" background
                          knowledge, "U" unknown */
    tsn_text text;
} tsn_fact;

/** A yes/no question of a decision tree. */
typedef struct tsn_decision_question {
    const char *id;
    tsn_text text;
} tsn_decision_question;

/** A catalogue: one scheme at one version. */
typedef struct tsn_catalogue {
    const char *scheme;   /**< "meti-cmg" */
    const char *version;  /**< the scheme's version the catalogue follows */
    const char *revision; /**< the catalogue's own revision (a date) */
    tsn_text title, summary;
    struct {
        tsn_text title;
        const char *url;
        const char *date;
        const char *status; /**< "official" or "unofficial-paraphrase" */
    } source;
    const tsn_fact *facts;
    size_t nfacts;
    const tsn_scale *scales;
    size_t nscales;
    const tsn_section *sections;
    size_t nsections;
    const tsn_question *questions;
    size_t nquestions;
    const tsn_level *levels; /**< at most 32 */
    size_t nlevels;
    tsn_aggregation section_rule; /**< questions into a section's score */
    tsn_aggregation overall_rule; /**< sections into the overall score */
    double target; /**< the score (0 to 100) to reach; gaps are below it */
    /** The decision tree that tells a buyer which level to ask of a
     *  supplier: any yes asks for decision_yes, all no for decision_no. */
    const tsn_decision_question *decision;
    size_t ndecision;
    int decision_yes, decision_no; /**< level indexes, or -1 */
    const char *name;              /**< the file it was read from */
} tsn_catalogue;

/**
 * Read a catalogue (JSON, docs/assess.md). Everything is checked: unknown
 * members, missing texts in either language, duplicate ids, a question's
 * scale, level or CSF reference that does not exist. An error names the
 * file, the line and the id concerned (TSN_EINVALID).
 */
TSN_API int tsn_catalogue_read(tsn_catalogue **out,
                               const char *text,
                               size_t len,
                               const char *name);
TSN_API void tsn_catalogue_free(tsn_catalogue *c);

/** The question with id @p id, or NULL. */
TSN_API const tsn_question *tsn_catalogue_question(const tsn_catalogue *c,
                                                   const char *id);

/** One answer. */
typedef struct tsn_answer {
    size_t question; /**< index in the catalogue's questions */
    int value;
    bool na; /**< "not applicable" */
    const char *evidence, *comment;
    uint32_t line;
} tsn_answer;

/** An answers file: who answered which catalogue, and what. */
typedef struct tsn_answers {
    const char *scheme, *version;
    const char *organisation; /**< its name */
    const char *industry;     /**< for benchmarks, or NULL */
    const char *size;         /**< for benchmarks, or NULL */
    const char *date;         /**< when it was answered (YYYY-MM-DD) */
    const tsn_answer *answers;
    size_t nanswers;
    /** What is wrong with the answers, one line each ("FILE:LINE: ID:
     *  ..."): unknown questions, values outside the scale, required
     *  answers missing. A file with problems is not scored. */
    const char *const *problems;
    size_t nproblems;
    /** How many problems there are: nproblems, or more when over 1,000
     *  (then the last line of problems says how many are not listed). */
    size_t problems_found;
    const char *name;
} tsn_answers;

/**
 * Read an answers file (JSON, docs/assess.md) for catalogue @p c. A file
 * that is not an answers file, or is for another scheme or version, is an
 * error; problems with single answers are collected in problems.
 */
TSN_API int tsn_answers_read(tsn_answers **out,
                             const tsn_catalogue *c,
                             const char *text,
                             size_t len,
                             const char *name);
TSN_API void tsn_answers_free(tsn_answers *a);

/** The scheme and version an answers file names, without a catalogue
 *  (to find its catalogue). Free both with tsn_free(). */
TSN_API int tsn_answers_scheme(const char *text,
                               size_t len,
                               const char *name,
                               char **scheme,
                               char **version);

/** A section's result. */
typedef struct tsn_section_score {
    double score;    /**< 0 to 100; NaN when nothing in it applies */
    double maturity; /**< in the scale's values when every question of the
                          section uses one maturity scale; else NaN */
    size_t answered, na;
} tsn_section_score;

/** A question below the target. */
typedef struct tsn_gap {
    size_t question;
    int value;     /**< the answer */
    int target;    /**< the value that closes the gap */
    double impact; /**< how much of the overall score closing it gains */
    bool blocks;   /**< it keeps the next level from being attained */
} tsn_gap;

/** Scored answers. */
typedef struct tsn_assessment {
    const tsn_catalogue *catalogue;
    const tsn_answers *answers;
    tsn_section_score *sections; /**< one per catalogue section */
    double score;                /**< 0 to 100 */
    double maturity;             /**< NaN unless every section has one */
    int level;                   /**< the highest level attained, or -1 */
    /** Until when that level holds: the answers' date plus the level's
     *  validity (YYYY-MM-DD), or "" when either is not known. */
    char valid_until[11];
    bool *met;     /**< per catalogue level: its rule holds */
    tsn_gap *gaps; /**< most important first */
    size_t ngaps;
} tsn_assessment;

/** Score @p a (which must have no problems). */
TSN_API int tsn_assess_score(const tsn_catalogue *c,
                             const tsn_answers *a,
                             tsn_assessment **out);
TSN_API void tsn_assessment_free(tsn_assessment *s);

/** What to do to close gap @p g: the question's own next step, else the
 *  description of the scale's step at the target, else the question. */
TSN_API const tsn_text *tsn_gap_next_step(const tsn_catalogue *c,
                                          const tsn_gap *g);

/** A mean and standard deviation over @p n organisations. */
typedef struct tsn_bench_stat {
    double mean, sd; /**< NaN when withheld (n below the benchmark's k) */
    size_t n;
} tsn_bench_stat;

/** A peer group of a benchmark: every organisation, those of one
 *  industry, of one size, or of one industry and size. */
typedef struct tsn_bench_group {
    const char *industry, *size; /**< NULL: any */
    size_t count;                /**< organisations in it */
    tsn_bench_stat overall;
    tsn_bench_stat *sections; /**< one per catalogue section */
    bool withheld; /**< fewer than k, or withheld so that a smaller group
                        cannot be worked out from the others */
} tsn_bench_group;

/** Which peer groups a benchmark forms besides "all". */
enum {
    TSN_BENCH_BY_INDUSTRY = 1, /**< each industry */
    TSN_BENCH_BY_SIZE = 2,     /**< each size */
    /** both, and each industry and size: withholding is then checked
     *  against each group's direct parts only (docs/assess.md) */
    TSN_BENCH_BY_BOTH = 3
};

/** Scores of many organisations aggregated into peer groups. */
typedef struct tsn_benchmark {
    const tsn_catalogue *catalogue;
    size_t k;    /**< the smallest group published */
    unsigned by; /**< TSN_BENCH_BY_*; tsn_benchmark_new() sets INDUSTRY,
                      a caller may change it before the first add */
    size_t files;
    tsn_bench_group *groups; /**< "all" first, then by industry and size */
    size_t ngroups;
} tsn_benchmark;

/** An empty benchmark of catalogue @p c publishing no group smaller than
 *  @p k (at least 2). */
TSN_API int
tsn_benchmark_new(tsn_benchmark **out, const tsn_catalogue *c, size_t k);
/** Add one organisation's scores (of the benchmark's catalogue). */
TSN_API int tsn_benchmark_add(tsn_benchmark *b, const tsn_assessment *s);
/** Once, after the last add: work out means and deviations and withhold
 *  the groups below k, and
 *  those from which a group below k could be worked out by subtraction
 *  (a parent's count minus its published parts). */
TSN_API int tsn_benchmark_finish(tsn_benchmark *b);
/** The published groups as JSON (docs/assess.md); free with tsn_free(). */
TSN_API int tsn_benchmark_to_json(const tsn_benchmark *b, char **out);
/** Read a benchmark written by tsn_benchmark_to_json() for catalogue @p c
 *  (an error names the file, line and JSON pointer). */
TSN_API int tsn_benchmark_read(tsn_benchmark **out,
                               const tsn_catalogue *c,
                               const char *text,
                               size_t len,
                               const char *name);
TSN_API void tsn_benchmark_free(tsn_benchmark *b);
/** The published group that fits an organisation of @p industry and
 *  @p size best (both, else the industry, else the size, else all), or
 *  the group named @p name ("all", "INDUSTRY", "size:SIZE",
 *  "INDUSTRY/SIZE") when it is not NULL; NULL when there is none. */
TSN_API const tsn_bench_group *tsn_benchmark_group(const tsn_benchmark *b,
                                                   const char *industry,
                                                   const char *size,
                                                   const char *name);
/** Group @p g's name into @p out (@p n bytes): "all", "INDUSTRY",
 *  "size:SIZE" or "INDUSTRY/SIZE". */
TSN_API void
tsn_bench_group_name(const tsn_bench_group *g, char *out, size_t n);
/** The deviation score of @p score in @p st: (score − mean) / sd × 10 +
 *  50; NaN when either is NaN or sd is 0. */
TSN_API double tsn_deviation(double score, const tsn_bench_stat *st);

/** One polygon of a radar chart: scores from 0 to 100, one per catalogue
 *  section (NaN where there is none). */
typedef struct tsn_radar_series {
    const char *label; /**< the legend's text */
    const double *scores;
    bool filled; /**< the area filled (the organisation itself) */
    bool dashed; /**< a dashed grey outline (a target) */
} tsn_radar_series;

/**
 * The radar chart of catalogue @p c's sections as a self-contained SVG
 * document: one to six series, drawn over rings at the steps of the
 * catalogue's maturity scale (every 20 points without one), axes named by
 * section id and short title in Japanese when @p ja. A catalogue needs at
 * least three sections (TSN_EINVALID). Free with tsn_free().
 */
TSN_API int tsn_radar_svg(const tsn_catalogue *c,
                          const tsn_radar_series *s,
                          size_t nseries,
                          bool ja,
                          char **out);

/** The result as JSON (docs/assess.md); free with tsn_free(). */
TSN_API int tsn_assessment_to_json(const tsn_assessment *s, char **out);

#ifdef __cplusplus
}
#endif

#endif
