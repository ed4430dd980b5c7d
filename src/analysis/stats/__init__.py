"""Cross-case statistics for the twenty municipalities, written to stay honest at n = 20.

Results are data: numbers, test and assumption codes, and :class:`~analysis.stats.notes.Note`
objects; the sentences are in :mod:`analysis.narrative.stats`. One module per job:

- :mod:`~analysis.stats.columns`: theme column names and shared input checks;
- :mod:`~analysis.stats.notes`: the note, test and assumption codes (a table of all of them);
- :mod:`~analysis.stats.fdr`: Benjamini-Hochberg;
- :mod:`~analysis.stats.fisher`: Fisher's exact and Fisher-Freeman-Halton tests;
- :mod:`~analysis.stats.rank`: Spearman and Kendall with permutation p-values and bootstrap intervals;
- :mod:`~analysis.stats.models`: small logit, Poisson and negative binomial models;
  :mod:`~analysis.stats.separation` (does the MLE exist?) and :mod:`~analysis.stats.firth`
  (penalised logit with profile intervals) beside them;
- crisp-set QCA: :mod:`~analysis.stats.calibration` (thresholds), :mod:`~analysis.stats.truth_table`
  (truth table, sufficiency, guards), :mod:`~analysis.stats.necessity`,
  :mod:`~analysis.stats.minimise` (Quine-McCluskey), :mod:`~analysis.stats.qca` (conservative,
  parsimonious and intermediate solutions with their fit) and :mod:`~analysis.stats.qca_robustness`.
"""
