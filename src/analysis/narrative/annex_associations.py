"""The words of the annex's association chapter (6.1-6.4) and its methods, Dutch and English.

Sentences on the statistics results themselves are in :mod:`analysis.narrative.stats`.
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    # --- 6. associations ------------------------------------------------------------------------
    "annex.associations.heading": {
        "nl": "6. Samenhang tussen thema's en kenmerken",
        "en": "6. Associations between themes and characteristics",
    },
    "annex.associations.intro": {
        "nl": "Met twintig gemeenten is elke toets verkennend. Elke zin hieronder is uit de berekende getallen "
        "geschreven; we spreken van samenhang, niet van effect.",
        "en": "With twenty municipalities every test is exploratory. Every sentence below is written from the "
        "computed numbers; we speak of association, not of effect.",
    },
    "annex.fisher.heading": {
        "nl": "6.1 Aanwezigheid van thema's naar groep (Fishers exacte toets)",
        "en": "6.1 Presence of themes by group (Fisher's exact test)",
    },
    "annex.fisher.intro": {
        "nl": "{pairs} paren van thema en kenmerk; {tested} daarvan zijn te toetsen.",
        "en": "{pairs} pairs of theme and characteristic; {tested} of them can be tested.",
    },
    "annex.fisher.untestable": {"nl": "Niet te toetsen: {what}.", "en": "Not testable: {what}."},
    "annex.fisher.constant_themes": {
        "nl": "thema's die in elke of in geen gemeente gecodeerd zijn: {themes}",
        "en": "themes coded in every case or in none: {themes}",
    },
    "annex.fisher.constant_characteristic": {
        "nl": "{characteristic} heeft in elke gemeente dezelfde waarde ({value})",
        "en": "{characteristic} has the same value ({value}) in every case",
    },
    "annex.fisher.figure_explained": {
        "nl": "De figuur toont de te toetsen paren; omkaderde cellen zijn significant na Benjamini-Hochberg.",
        "en": "The figure shows the testable pairs; framed cells are significant after Benjamini-Hochberg.",
    },
    "annex.fisher.none_tested": {"nl": "Geen paar is te toetsen.", "en": "No pair can be tested."},
    "annex.fisher.figure_title": {
        "nl": "Fishers exacte toetsen: p na Benjamini-Hochberg",
        "en": "Fisher's exact tests: Benjamini-Hochberg adjusted p",
    },
    "annex.fisher.col.theme": {"nl": "thema", "en": "theme"},
    "annex.fisher.col.characteristic": {"nl": "kenmerk", "en": "characteristic"},
    "annex.fisher.col.n": {"nl": "n", "en": "n"},
    "annex.fisher.col.counts": {"nl": "met thema / gemeenten per groep", "en": "with theme / cases per group"},
    "annex.fisher.col.odds": {"nl": "odds ratio", "en": "odds ratio"},
    "annex.fisher.col.p": {"nl": "p", "en": "p"},
    "annex.fisher.col.p_bh": {"nl": "p (BH)", "en": "p (BH)"},
    "annex.fisher.bh": {
        "nl": "Benjamini-Hochberg over de {m} getoetste paren bij {alpha}.",
        "en": "Benjamini-Hochberg over the {m} tested pairs at {alpha}.",
    },
    "annex.correlations.heading": {
        "nl": "6.2 Intensiteit van thema's en numerieke kenmerken (rangcorrelaties)",
        "en": "6.2 Theme intensity and numeric characteristics (rank correlations)",
    },
    "annex.correlations.intro": {
        "nl": "De intensiteit van een thema is zijn aandeel (%) in de gecodeerde fragmenten van de gemeente. {pairs} "
        "paren ({themes} thema's x {characteristics} kenmerken) vormen één Benjamini-Hochberg-familie.",
        "en": "A theme's intensity is its share (%) of the municipality's coded fragments. {pairs} pairs ({themes} "
        "themes x {characteristics} characteristics) form one Benjamini-Hochberg family.",
    },
    "annex.correlations.gaps": {
        "nl": "Ontbrekende waarden vallen per paar weg: {gaps}.",
        "en": "Missing values are left out per pair: {gaps}.",
    },
    "annex.correlations.gap": {
        "nl": "{characteristic}: n = {n}, ontbreekt voor {names}",
        "en": "{characteristic}: n = {n}, missing for {names}",
    },
    "annex.correlations.missing_case": {"nl": "{name} ({reason})", "en": "{name} ({reason})"},
    "annex.correlations.material_lead": {"nl": "Controle op de hoeveelheid materiaal.", "en": "Material check."},
    "annex.correlations.material_x": {
        "nl": "het aantal gecodeerde fragmenten",
        "en": "the number of coded fragments",
    },
    "annex.correlations.share_of": {"nl": "het aandeel {theme}", "en": "the share of {theme}"},
    "annex.correlations.strongest": {
        "nl": "Interpretatie (berekend uit de resultaten), de drie kleinste p-waarden:",
        "en": "Interpretation (computed from the results), the three smallest p-values:",
    },
    "annex.correlations.none": {
        "nl": "Geen paar heeft een rangcorrelatie.",
        "en": "No pair has a rank correlation.",
    },
    "annex.correlations.figure_explained": {
        "nl": "In de figuren zijn gevulde punten significant na Benjamini-Hochberg, open punten niet.",
        "en": "In the figures, filled markers are significant after Benjamini-Hochberg, open ones are not.",
    },
    "annex.correlations.figure_title": {
        "nl": "Spearmans rho ({number} van {total})",
        "en": "Spearman's rho ({number} of {total})",
    },
    "annex.correlations.method": {
        "nl": "Percentiel-bootstrap met {n_boot} trekkingen (seed {seed}); Benjamini-Hochberg over {m} paren.",
        "en": "Percentile bootstrap with {n_boot} resamples (seed {seed}); Benjamini-Hochberg over {m} pairs.",
    },
    "annex.model.heading": {
        "nl": "6.3 Eén model: logistische regressie met ten hoogste twee covariaten",
        "en": "6.3 One model: logistic regression with at most two covariates",
    },
    "annex.model.no_outcome": {
        "nl": "De aanwezigheid van geen enkel thema varieert tussen de gemeenten: er is geen uitkomst om te "
        "modelleren.",
        "en": "No theme's presence varies among the cases, so there is no outcome to model.",
    },
    "annex.model.outcome": {
        "nl": "Uitkomst: aanwezigheid van {theme} ({present} van {total} gemeenten), het thema waarvan de "
        "aanwezigheid het gelijkst verdeeld is. Covariaten: {covariates}.",
        "en": "Outcome: presence of {theme} ({present} of {total} cases), the theme whose presence is most evenly "
        "split. Covariates: {covariates}.",
    },
    "annex.model.notes": {"nl": "Waarschuwingen:", "en": "Warnings:"},
    "annex.model.figure_title": {
        "nl": "{theme}: aanwezigheid per gemeente (n = {n})",
        "en": "{theme}: presence per case (n = {n})",
    },
    "annex.model.caption": {"nl": "Coëfficiënten van de {model}", "en": "Coefficients of the {model}"},
    "annex.model.col.term": {"nl": "term", "en": "term"},
    "annex.model.col.ratio": {"nl": "odds ratio", "en": "odds ratio"},
    "annex.model.col.interval": {"nl": "95%-interval", "en": "95% interval"},
    "annex.model.col.p": {"nl": "p", "en": "p"},
    "annex.model.intercept": {"nl": "constante", "en": "intercept"},
    "annex.model.n": {
        "nl": "{n} ({events} gebeurtenissen, {parameters} parameters)",
        "en": "{n} ({events} events, {parameters} parameters)",
    },
    "annex.qca.heading": {
        "nl": "6.4 Configuraties: verzamelingstheoretische analyse (crisp-set QCA)",
        "en": "6.4 Configurations: set-theoretic analysis (crisp-set QCA)",
    },
    "annex.qca.no_outcome": {
        "nl": "De aanwezigheid van geen enkel thema varieert tussen de gemeenten: er is geen uitkomst voor een "
        "waarheidstabel.",
        "en": "No theme's presence varies among the cases, so there is no outcome for a truth table.",
    },
    "annex.qca.outcome": {
        "nl": "Uitkomst: aanwezigheid van {theme} ({id}). Condities (hoofdletters: aanwezig; ~ ontkent), gemaakt "
        "met genoemde drempels:",
        "en": "Outcome: presence of {theme} ({id}). Conditions (upper case: present; ~ negates), calibrated with "
        "stated thresholds:",
    },
    "annex.qca.calibration": {
        "nl": "{name}: {label}; gemeten als {column} {rule} {threshold} ({basis}); 1 bij {ones} van {n} gemeenten",
        "en": "{name}: {label}; measured as {column} {rule} {threshold} ({basis}); 1 in {ones} of {n} cases",
    },
    "annex.qca.basis.stated": {"nl": "vaste drempel", "en": "stated threshold"},
    "annex.qca.basis.national": {"nl": "het landelijke cijfer", "en": "the national figure"},
    "annex.qca.basis.median": {"nl": "mediaan", "en": "median"},
    "annex.qca.guards": {
        "nl": "Een configuratie geldt als voldoende wanneer haar consistentie minstens {threshold} is, zij minstens "
        "{min_cases} gemeenten telt (minder: behandeld als rest) en haar consistentie de basisfrequentie van de "
        "uitkomst ({base_rate}) met minstens {margin} overtreft.",
        "en": "A configuration counts as sufficient when its consistency is at least {threshold}, it holds at least "
        "{min_cases} cases (fewer: treated as a remainder) and its consistency exceeds the outcome's base rate "
        "({base_rate}) by at least {margin}.",
    },
    "annex.qca.truth_summary": {
        "nl": "De {n} gemeenten vallen in {rows} van de {possible} mogelijke configuraties van {k} condities; "
        "{sufficient} configuratie(s) gelden als voldoende, {contradictory} zijn tegenstrijdig, {too_few} hebben te "
        "weinig gemeenten en {below_base} komen niet boven de basisfrequentie uit.",
        "en": "The {n} cases fall into {rows} of the {possible} possible configurations of {k} conditions; "
        "{sufficient} configuration(s) count as sufficient, {contradictory} are contradictory, {too_few} have too "
        "few cases and {below_base} do not rise above the base rate.",
    },
    "annex.qca.col.cases": {"nl": "gemeenten", "en": "cases"},
    "annex.qca.col.outcome": {"nl": "met uitkomst", "en": "with outcome"},
    "annex.qca.col.consistency": {"nl": "consistentie", "en": "consistency"},
    "annex.qca.col.coverage": {"nl": "dekking", "en": "coverage"},
    "annex.qca.col.raw_coverage": {"nl": "dekking (ruw)", "en": "raw coverage"},
    "annex.qca.col.unique_coverage": {"nl": "dekking (uniek)", "en": "unique coverage"},
    "annex.qca.col.pri": {"nl": "PRI", "en": "PRI"},
    "annex.qca.col.relevance": {"nl": "relevantie (RoN)", "en": "relevance (RoN)"},
    "annex.qca.col.status": {"nl": "oordeel", "en": "verdict"},
    "annex.qca.col.names": {"nl": "gemeenten (namen)", "en": "cases (names)"},
    "annex.qca.col.condition": {"nl": "conditie", "en": "condition"},
    "annex.qca.col.solution": {"nl": "oplossing", "en": "solution"},
    "annex.qca.col.term": {"nl": "term", "en": "term"},
    "annex.qca.status.sufficient": {"nl": "voldoende", "en": "sufficient"},
    "annex.qca.status.not_sufficient": {"nl": "niet voldoende", "en": "not sufficient"},
    "annex.qca.status.not_above_base_rate": {"nl": "niet boven basisfrequentie", "en": "not above base rate"},
    "annex.qca.status.too_few_cases": {"nl": "te weinig gemeenten", "en": "too few cases"},
    "annex.qca.status.remainder": {"nl": "rest (geen gemeente)", "en": "remainder (no case)"},
    "annex.qca.sufficiency_lead": {"nl": "Voldoendheid per conditie:", "en": "Sufficiency per condition:"},
    "annex.qca.sufficiency": {
        "nl": "{both} van de {condition} gemeenten met {expression} hebben {theme} (consistentie {consistency}, "
        "dekking {coverage}): {verdict}.",
        "en": "{both} of the {condition} cases with {expression} show {theme} (consistency {consistency}, coverage "
        "{coverage}): {verdict}.",
    },
    "annex.qca.sufficiency_empty": {
        "nl": "Geen van de {n} gemeenten heeft {expression}; de voldoendheid voor {theme} is niet te beoordelen.",
        "en": "None of the {n} cases shows {expression}; its sufficiency for {theme} cannot be assessed.",
    },
    "annex.qca.verdict.sufficient": {
        "nl": "voldoende volgens de regels hierboven",
        "en": "sufficient under the rules above",
    },
    "annex.qca.verdict.too_few": {
        "nl": "te weinig gemeenten (minder dan {min_cases}) om van voldoendheid te spreken",
        "en": "too few cases (fewer than {min_cases}) to speak of sufficiency",
    },
    "annex.qca.verdict.below_threshold": {
        "nl": "onder de consistentiedrempel: niet voldoende",
        "en": "below the consistency threshold: not sufficient",
    },
    "annex.qca.verdict.not_above_base_rate": {
        "nl": "haalt de drempel, maar niet duidelijk boven de basisfrequentie van de uitkomst: niet voldoende",
        "en": "meets the threshold but not clearly above the outcome's base rate: not sufficient",
    },
    "annex.qca.necessity": {
        "nl": "Noodzakelijkheid voor {theme}: consistentie (aandeel van de gemeenten met de uitkomst dat de conditie "
        "heeft), dekking en relevantie (RoN; dicht bij 0 betekent triviaal: de conditie is bijna overal aanwezig).",
        "en": "Necessity for {theme}: consistency (share of the cases with the outcome that have the condition), "
        "coverage and relevance (RoN; close to 0 means trivial: the condition is present almost everywhere).",
    },
    "annex.qca.solutions_lead": {"nl": "Geminimaliseerde oplossingen.", "en": "Minimised solutions."},
    "annex.qca.solutions": {
        "nl": "Booleaanse minimalisatie (Quine-McCluskey) van de voldoende configuraties voor {theme}: "
        "conservatief {conservative}; spaarzaam (resten als vrije keuze) {parsimonious}; intermediair (alleen "
        "resten die passen bij de verwachtingen {expectations}) {intermediate}.",
        "en": "Boolean minimisation (Quine-McCluskey) of the sufficient configurations for {theme}: conservative "
        "{conservative}; parsimonious (remainders as don't-cares) {parsimonious}; intermediate (only remainders "
        "that fit the expectations {expectations}) {intermediate}.",
    },
    "annex.qca.expectation": {"nl": "{name} {value}", "en": "{name} {value}"},
    "annex.qca.no_expectations": {"nl": "(geen)", "en": "(none)"},
    "annex.qca.no_intermediate": {"nl": "niet berekend", "en": "not computed"},
    "annex.qca.empty_solution": {"nl": "geen oplossing", "en": "no solution"},
    "annex.qca.kind.conservative": {"nl": "conservatief", "en": "conservative"},
    "annex.qca.kind.parsimonious": {"nl": "spaarzaam", "en": "parsimonious"},
    "annex.qca.kind.intermediate": {"nl": "intermediair", "en": "intermediate"},
    "annex.qca.robustness_lead": {"nl": "Robuustheid.", "en": "Robustness."},
    "annex.qca.robustness.calibration": {
        "nl": "Met een andere drempel voor één conditie ({n} varianten) blijft de spaarzame oplossing {parsimonious} "
        "keer gelijk, de conservatieve {conservative} keer.",
        "en": "With another threshold for one condition ({n} variants) the parsimonious solution stays the same "
        "{parsimonious} times, the conservative one {conservative} times.",
    },
    "annex.qca.robustness.consistency_threshold": {
        "nl": "Bij een andere consistentiedrempel ({n} varianten): {parsimonious} en {conservative} keer gelijk.",
        "en": "Under another consistency cut-off ({n} variants): {parsimonious} and {conservative} times the same.",
    },
    "annex.qca.robustness.leave_one_out": {
        "nl": "Met telkens één gemeente weggelaten ({n} varianten): {parsimonious} en {conservative} keer gelijk.",
        "en": "Leaving out one case at a time ({n} variants): {parsimonious} and {conservative} times the same.",
    },
    "annex.qca.robustness_none": {"nl": "Geen varianten berekend.", "en": "No variants computed."},
    "annex.qca.robcol.variant": {"nl": "variant", "en": "variant"},
    "annex.qca.robcol.n": {"nl": "aantal", "en": "number"},
    "annex.qca.robcol.conservative": {"nl": "conservatief gelijk", "en": "conservative unchanged"},
    "annex.qca.robcol.parsimonious": {"nl": "spaarzaam gelijk", "en": "parsimonious unchanged"},
    "annex.qca.variant.calibration": {"nl": "andere drempel van een conditie", "en": "other threshold of a condition"},
    "annex.qca.variant.consistency_threshold": {"nl": "andere consistentiedrempel", "en": "other consistency cut-off"},
    "annex.qca.variant.leave_one_out": {"nl": "één gemeente weggelaten", "en": "one case left out"},
    "annex.qca.robustness_changed": {
        "nl": "De spaarzame oplossing verandert zonder: {names}.",
        "en": "The parsimonious solution changes without: {names}.",
    },
    "annex.methods.heading": {"nl": "Methoden", "en": "Methods"},
    "annex.methods.groups": {
        "nl": "Groepen: grootte gesplitst bij 50.000 inwoners (de vier grootteklassen laten één tot vijf gemeenten "
        "per klasse over); stedelijkheid 1-2, 3 en 4-5; landsdeel; jeugdzorgregio van minstens 100.000 inwoners.",
        "en": "Groups: size split at 50,000 inhabitants (the four size classes leave one to five cases per class); "
        "urbanisation 1-2, 3 and 4-5; part of the country; youth care region of at least 100,000 inhabitants.",
    },
    "annex.methods.fisher": {
        "nl": "Fishers exacte toets (2 groepen) en de exacte toets van Fisher-Freeman-Halton (meer groepen, "
        "volledige enumeratie), tweezijdig; Benjamini-Hochberg (false discovery rate {alpha}) per familie.",
        "en": "Fisher's exact test (2 groups) and the Fisher-Freeman-Halton exact test (more groups, full "
        "enumeration), two-sided; Benjamini-Hochberg (false discovery rate {alpha}) per family.",
    },
    "annex.methods.rank": {
        "nl": "Spearmans rho met exacte permutatie-p tot n = 9 en anders Monte Carlo met een genoemd aantal "
        "ordeningen en seed; percentiel-bootstrapinterval ({n_boot} trekkingen, seed {seed}), gemarkeerd wanneer "
        "het ontaardt; ontbrekende waarden per paar weggelaten.",
        "en": "Spearman's rho with exact permutation p up to n = 9 and Monte Carlo otherwise with a stated number "
        "of orderings and seed; percentile bootstrap interval ({n_boot} resamples, seed {seed}), flagged when it "
        "degenerates; missing values dropped per pair.",
    },
    "annex.methods.model": {
        "nl": "Logistische regressie (meest aannemelijke schatting, Wald-intervallen) met ten hoogste twee "
        "covariaten; gemarkeerd onder {min_epv} gebeurtenissen per variabele; scheiding vooraf gecontroleerd met "
        "lineair programmeren; bij scheiding of weinig gebeurtenissen ook Firths gecorrigeerde logit met "
        "profielintervallen.",
        "en": "Logistic regression (maximum likelihood, Wald intervals) with at most two covariates; flagged below "
        "{min_epv} events per variable; separation checked beforehand by linear programming; with separation or "
        "few events also Firth's penalised logit with profile intervals.",
    },
    "annex.methods.qca": {
        "nl": "Crisp-set QCA: waarheidstabel met consistentiedrempel {threshold}, minstens {min_cases} gemeenten per "
        "configuratie en consistentie minstens {margin} boven de basisfrequentie; consistentie |X∩Y|/|X|, dekking "
        "|X∩Y|/|Y|; minimalisatie met Quine-McCluskey tot conservatieve, spaarzame en intermediaire oplossing; "
        "noodzakelijkheid met relevantie (RoN); robuustheid onder andere drempels en met telkens één gemeente "
        "weggelaten.",
        "en": "Crisp-set QCA: truth table with consistency threshold {threshold}, at least {min_cases} cases per "
        "configuration and consistency at least {margin} above the base rate; consistency |X∩Y|/|X|, coverage "
        "|X∩Y|/|Y|; Quine-McCluskey minimisation to conservative, parsimonious and intermediate solutions; necessity "
        "with relevance (RoN); robustness under other thresholds and leaving one case out at a time.",
    },
    "annex.methods.agreement": {
        "nl": "Overeenstemming tussen codeurs: eenheden naar positie (overlap van selecties), Cohens kappa naast "
        "procentuele overeenstemming en positieve coderingen per codeur, Krippendorffs alfa (nominaal) met "
        "bootstrapinterval; ongedefinieerde kappa's geteld en genoemd.",
        "en": "Intercoder agreement: units by position (overlap of selections), Cohen's kappa beside percent "
        "agreement and positive codings per coder, Krippendorff's alpha (nominal) with a bootstrap interval; "
        "undefined kappas counted and named.",
    },
    "annex.methods.quotes": {
        "nl": "Citaten: per cel de langste verschillende fragmenten, verspreid over documenten, ingekort op een "
        "woordgrens.",
        "en": "Quotes: per cell the longest distinct fragments, spread over documents, shortened at a word boundary.",
    },
    "annex.methods.software": {
        "nl": "Software: {versions}. De instellingen staan in config/annex.yaml; de kruistabel in "
        "data/processed/crosscase_twenty.parquet.",
        "en": "Software: {versions}. The settings are in config/annex.yaml; the cross-case table in "
        "data/processed/crosscase_twenty.parquet.",
    },
}
