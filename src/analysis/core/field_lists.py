"""The fields of the registry, one list per source; :mod:`analysis.core.fields` reads them.

Adding fields: a new column of an existing source gets a :class:`~analysis.core.field_rules.Field`
in its source's list; a new source gets a new list and a line in :data:`SOURCES`. Columns made per
theme, year or region type are one field with a ``{placeholder}`` in its name.
"""

from __future__ import annotations

from analysis.core.field_rules import Field

# Sources, cited the same way in every dictionary.
WIJKBUURTKAART = "CBS, Kadaster — Wijk- en buurtkaart 2017 (1 January 2017)"
#: (H5, issue 14) Memberships come from the outline overlay of the mirror, not from StatLine 83553NED.
GEBIEDSINDELINGEN = (
    "CBS, Gebiedsindelingen 2017 (generalised region outlines, PDOK); region = largest area overlap with the "
    "municipal outline of the Wijk- en buurtkaart 2017 (regions_2017.csv of the mirror), not StatLine 83553NED"
)
BIJSTAND_TABLES: dict[int, str] = {2015: "83450NED", 2016: "83747NED", 2017: "84066NED"}
KIESRAAD_2010 = "Kiesraad, Databank Verkiezingsuitslagen (gemeenteraad 3 maart 2010)"
CASES_FILE = "config/cases.csv"
CODINGS = "codings file (see codings_file_name), checked against the codebook"
DERIVED = "derived in analysis.tables from the case table"

#: Region types of the CBS divisions: key, English name (see ``analysis.geo.regions.REGION_TYPES``).
REGION_TYPES: dict[str, str] = {
    "province": "province",
    "corop": "COROP region",
    "labour_market_region": "labour market region",
    "youth_care_region": "youth care region",
    "ggd_region": "public health (GGD) region",
    "safety_region": "safety region",
    "care_office_region": "care office region",
    "landsdeel": "landsdeel (part of the country)",
}


def _percent(name: str, of: str, cbs: str) -> Field:
    return Field(name, "float", "percent", WIJKBUURTKAART, f"Share of {of} (CBS column {cbs}), whole percent")


#: The municipal layer (``municipalities_2017.parquet``), from the Wijk- en buurtkaart.
GEOGRAPHY: list[Field] = [
    Field("gm_code", "string", "", WIJKBUURTKAART, "Municipality code of 2017 (GMxxxx)"),
    Field("gm_name", "string", "", WIJKBUURTKAART, "Municipality name of 2017"),
    Field("stedelijkheid_class", "integer", "", WIJKBUURTKAART, "CBS stedelijkheid class, 1 (very) to 5 (not urban)"),
    Field("stedelijkheid_label", "string", "", WIJKBUURTKAART, "Stedelijkheid class in words"),
    Field("address_density_per_km2", "float", "per_km2", WIJKBUURTKAART, "Addresses per km² (CBS column OAD)"),
    Field("population_count", "float", "count", WIJKBUURTKAART, "Inhabitants (CBS column AANT_INW)", "inhabitants"),
    Field("men_count", "float", "count", WIJKBUURTKAART, "Men (CBS column AANT_MAN)", "inhabitants"),
    Field("women_count", "float", "count", WIJKBUURTKAART, "Women (CBS column AANT_VROUW)", "inhabitants"),
    _percent("age_0_14_pct", "inhabitants aged 0 to 14", "P_00_14_JR"),
    _percent("age_15_24_pct", "inhabitants aged 15 to 24", "P_15_24_JR"),
    _percent("age_25_44_pct", "inhabitants aged 25 to 44", "P_25_44_JR"),
    _percent("age_45_64_pct", "inhabitants aged 45 to 64", "P_45_64_JR"),
    _percent("age_65_plus_pct", "inhabitants aged 65 or over", "P_65_EO_JR"),
    _percent("unmarried_pct", "inhabitants never married", "P_ONGEHUWD"),
    _percent("married_pct", "inhabitants married", "P_GEHUWD"),
    _percent("divorced_pct", "inhabitants divorced", "P_GESCHEID"),
    _percent("widowed_pct", "inhabitants widowed", "P_VERWEDUW"),
    Field("density_per_km2", "float", "per_km2", WIJKBUURTKAART, "Inhabitants per km² of land (BEV_DICHTH)"),
    Field("households_count", "float", "count", WIJKBUURTKAART, "Households (CBS column AANTAL_HH)", "households"),
    _percent("single_person_households_pct", "households with one person", "P_EENP_HH"),
    _percent("households_without_children_pct", "households without children", "P_HH_Z_K"),
    _percent("households_with_children_pct", "households with children", "P_HH_M_K"),
    Field("persons_per_household", "float", "per_household", WIJKBUURTKAART, "Mean household size (GEM_HH_GR)"),
    _percent("western_migration_background_pct", "inhabitants with a western migration background", "P_WEST_AL"),
    _percent("non_western_migration_background_pct", "inhabitants with a non-western migration background", "P_N_W_AL"),
    _percent("moroccan_background_pct", "inhabitants with a Moroccan background", "P_MAROKKO"),
    _percent("antillean_aruban_background_pct", "inhabitants with an Antillean or Aruban background", "P_ANT_ARU"),
    _percent("surinamese_background_pct", "inhabitants with a Surinamese background", "P_SURINAM"),
    _percent("turkish_background_pct", "inhabitants with a Turkish background", "P_TURKIJE"),
    _percent("other_non_western_background_pct", "inhabitants with another non-western background", "P_OVER_NW"),
    Field("area_total_ha", "float", "ha", WIJKBUURTKAART, "Total area (CBS column OPP_TOT)"),
    Field("area_land_ha", "float", "ha", WIJKBUURTKAART, "Land area (CBS column OPP_LAND)"),
    Field("area_water_ha", "float", "ha", WIJKBUURTKAART, "Water area (CBS column OPP_WATER)"),
    Field("area_land_km2", "float", "km2", WIJKBUURTKAART, "Land area (OPP_LAND / 100)"),
    Field("geometry", "geometry", "", WIJKBUURTKAART, "Outline in RD New (EPSG:28992), metres"),
]

_REG = GEBIEDSINDELINGEN
_BOTH = f"{GEBIEDSINDELINGEN}; {WIJKBUURTKAART}"
#: Region memberships, outlines and sizes, and the region columns of the case table.
REGIONS: list[Field] = [
    Field("{region}_code", "string", "", GEBIEDSINDELINGEN, "Code of the municipality's {region}"),
    Field("{region}_name", "string", "", GEBIEDSINDELINGEN, "Name of the municipality's {region}"),
    Field("{region}_overlap_share", "float", "share", _BOTH, "Share of the area inside its {region}, if computed"),
    Field("{region}_inhabitants_count", "integer", "count", _BOTH, "Inhabitants of the {region}", "inhabitants"),
    Field(
        "{region}_municipalities_count", "integer", "count", _REG, "Municipalities in the {region}", "municipalities"
    ),
    Field("region_code", "string", "", GEBIEDSINDELINGEN, "Code of the region"),
    Field("region_name", "string", "", GEBIEDSINDELINGEN, "Name of the region"),
    Field("region_type", "string", "", GEBIEDSINDELINGEN, "Kind of region (key of analysis.geo.regions.REGION_TYPES)"),
    Field("region_type_nl", "string", "", GEBIEDSINDELINGEN, "Kind of region, Dutch name"),
    Field("inhabitants_count", "integer", "count", _BOTH, "Inhabitants of the region (1 January 2017)", "inhabitants"),
    Field("municipalities_count", "integer", "count", GEBIEDSINDELINGEN, "Member municipalities", "municipalities"),
    Field(
        "has_100k_inhabitants",
        "boolean",
        "",
        f"{GEBIEDSINDELINGEN}; {WIJKBUURTKAART}",
        "The region has at least 100,000 inhabitants (the scale named for the 2015 decentralisations)",
    ),
]

_BIJSTAND_ALL = "CBS, StatLine " + ", ".join(f"{table} ({year})" for year, table in BIJSTAND_TABLES.items())
_STATLINE_YEAR = "CBS, StatLine {table} ({year})"

#: The bijstand layer (``bijstand_2015_2017.parquet``, one row per municipality and year).
BIJSTAND: list[Field] = [
    Field("year", "integer", "", _BIJSTAND_ALL, "Year of the figures (reference date in the StatLine table)"),
    Field("table_id", "string", "", _BIJSTAND_ALL, "StatLine table the year's figures come from"),
    Field("inhabitants_15plus_count", "float", "count", _BIJSTAND_ALL, "Inhabitants aged 15 or over", "inhabitants"),
    Field("recipients_count", "float", "count", _BIJSTAND_ALL, "People receiving bijstand", "persons"),
    Field(
        "recipients_per_1000_inhabitants",
        "float",
        "per_1000",
        _BIJSTAND_ALL,
        "Bijstand recipients per 1,000 inhabitants aged 15 or over",
        "per 1,000 inhabitants aged 15+",
    ),
    Field("inflow_count", "float", "count", _BIJSTAND_ALL, "People entering bijstand during the year", "persons"),
    Field("outflow_count", "float", "count", _BIJSTAND_ALL, "People leaving bijstand during the year", "persons"),
    Field("outflow_to_work_count", "float", "count", _BIJSTAND_ALL, "People leaving bijstand for work", "persons"),
    Field("people_reintegration_count", "float", "count", _BIJSTAND_ALL, "People with a re-integratie provision"),
    Field(
        "people_bijstand_and_reintegration_count",
        "float",
        "count",
        _BIJSTAND_ALL,
        "People with both bijstand and a re-integratie provision",
        "persons",
    ),
    Field("recipients_with_reintegration_pct", "float", "percent", _BIJSTAND_ALL, "Recipients with re-integratie"),
    Field("reintegration_with_bijstand_pct", "float", "percent", _BIJSTAND_ALL, "Re-integratie with bijstand"),
    Field("wsw_employees_count", "float", "count", _BIJSTAND_ALL, "Employees in sheltered work (WSW)", "persons"),
    Field(
        "wsw_per_1000_inhabitants",
        "float",
        "per_1000",
        _BIJSTAND_ALL,
        "WSW employees per 1,000 inhabitants aged 15 or over",
        "per 1,000 inhabitants aged 15+",
    ),
    Field("is_remapped", "boolean", "", _BIJSTAND_ALL, "Summed over predecessors of a merged municipality"),
    Field("source_gm_codes", "string", "", _BIJSTAND_ALL, "Codes of the municipalities the figures were summed from"),
    Field("missing_reason", "string", "", _BIJSTAND_ALL, "Why the row's figures are NA, if they are"),
    # (H5) the boundary change found in the outlines, per row and per case-table year
    Field(
        "boundary_change_reason",
        "string",
        "",
        _BIJSTAND_ALL + "; CBS outlines map_2015/2016/2017.json",
        "The boundary change between the year and 1 January 2017 found in the CBS outlines (and inhabitants 15+)",
    ),
    Field(
        "bijstand_{year}_boundary_change_reason",
        "string",
        "",
        _STATLINE_YEAR + "; CBS outlines map_2015/2016/2017.json",
        "The boundary change between {year} and 1 January 2017 found in the CBS outlines; NA when none",
    ),
    # The wide bijstand columns of the case table, per year.
    Field(
        "bijstand_recipients_{year}_count",
        "float",
        "count",
        _STATLINE_YEAR,
        "Bijstand recipients, {year} (CBS rounds to tens; summed over predecessors where remapped)",
    ),
    Field(
        "bijstand_recipients_{year}_per_1000",
        "float",
        "per_1000",
        _STATLINE_YEAR,
        "Bijstand recipients per 1,000 inhabitants aged 15 or over, {year}, as CBS publishes it (rounded to "
        "halves); where is_bijstand_{year}_remapped recomputed from the summed counts and not rounded",
        "per 1,000 inhabitants aged 15+",
    ),
    Field(
        "bijstand_and_reintegration_{year}_count",
        "float",
        "count",
        _STATLINE_YEAR,
        "People with both bijstand and a re-integratie provision, {year}",
        "persons",
    ),
    Field(
        "bijstand_{year}_missing_reason",
        "string",
        "",
        _STATLINE_YEAR,
        "Why a bijstand value of {year} is NA: boundary change (see bijstand_{year}_boundary_change_reason), "
        "suppressed by CBS (naming the columns when only some are), not in table",
    ),
    Field(
        "is_bijstand_{year}_remapped",
        "boolean",
        "",
        _STATLINE_YEAR,
        "{year} figures summed over predecessors of a merged municipality, rates recomputed",
    ),
]

#: The 2010 council election (``council_election_2010.parquet``) and its case-table columns.
ELECTIONS: list[Field] = [
    Field("election_year", "integer", "", KIESRAAD_2010, "Year of the council election"),
    Field("gm_2010_name", "string", "", KIESRAAD_2010, "Municipality name in the 2010 results"),
    Field("electorate_count", "integer", "count", KIESRAAD_2010, "People entitled to vote", "persons"),
    Field("votes_cast_count", "integer", "count", KIESRAAD_2010, "Votes cast", "votes"),
    Field("turnout_pct", "float", "percent", KIESRAAD_2010, "Turnout, % of the electorate"),
    Field("valid_votes_count", "integer", "count", KIESRAAD_2010, "Valid votes", "votes"),
    Field("local_parties_votes_count", "integer", "count", KIESRAAD_2010, "Votes for local parties", "votes"),
    Field("local_parties_vote_share_pct", "float", "percent", KIESRAAD_2010, "Local parties, % of valid votes"),
    # (H5) party columns that do not add up to the valid votes
    Field("party_columns_votes_count", "integer", "count", KIESRAAD_2010, "Votes in all party columns", "votes"),
    Field("votes_outside_party_columns_pct", "float", "percent", KIESRAAD_2010, "Valid votes in no party column"),
    Field(
        "is_local_parties_vote_share_lower_bound",
        "boolean",
        "",
        KIESRAAD_2010,
        "The party columns hold fewer votes than the valid votes: the local share is a lower bound",
    ),
    Field(
        "votes_outside_party_columns_2010_pct",
        "float",
        "percent",
        KIESRAAD_2010,
        "Valid votes in no party column, 2010",
    ),
    Field(
        "is_local_parties_vote_share_2010_lower_bound",
        "boolean",
        "",
        KIESRAAD_2010,
        "The party columns hold fewer votes than the valid votes: the 2010 local share is a lower bound",
    ),
    Field("electorate_2010_count", "integer", "count", KIESRAAD_2010, "People entitled to vote, 2010", "persons"),
    Field("votes_cast_2010_count", "integer", "count", KIESRAAD_2010, "Votes cast (opkomst), 2010", "votes"),
    Field("turnout_2010_pct", "float", "percent", KIESRAAD_2010, "Turnout, council elections 2010"),
    Field(
        "local_parties_vote_share_2010_pct",
        "float",
        "percent",
        KIESRAAD_2010,
        "Votes for local parties (Kiesraad's 'Lokale partijen') as share of valid votes, 2010",
    ),
    Field(
        "election_2010_missing_reason",
        "string",
        "",
        KIESRAAD_2010,
        "Why 2010 figures are NA: boundaries changed after March 2010 (a reorganisation, or a change found in "
        "the outlines such as Slochteren/Groningen 2017), or not in 2010 file (nothing of it in the file: Weesp)",
    ),
    Field(
        "council_seats_statutory_2018_count",
        "integer",
        "count",
        "Gemeentewet art. 8 (seats by population band) with the population of 1 January of the year before the "
        "election (art. 1(2)); CBS, Kadaster — Wijk- en buurtkaart 2017 (AANT_INW, 1 Jan 2017)",
        "Council seats prescribed for the council elected in 2018, computed from AANT_INW; Westervoort, Purmerend "
        "and Hendrik-Ido-Ambacht lie just under a band bound there and sit with the next band's council "
        "(council_seats_2018_count is the fact)",
        "seats",
    ),
]

# (H5) The councils elected on 21 March 2018 (``councils_2018.parquet``) and their case-table columns;
# the local/national rule is analysis.social.councils.LOCAL_RULE_2018.
KIESRAAD_2018 = "Kiesraad, Databank Verkiezingsuitslagen (gemeenteraad 21 maart 2018)"
_LOCAL_2018 = KIESRAAD_2018 + "; national parties: Open State Foundation"
COUNCILS_2018: list[Field] = [
    Field("gm_2018_name", "string", "", KIESRAAD_2018, "Municipality name in the 2018 seat file"),
    Field("council_seats_count", "integer", "count", KIESRAAD_2018, "Seats of the council", "seats"),
    Field("local_lists_seats_count", "integer", "count", _LOCAL_2018, "Seats of local lists", "seats"),
    Field("local_lists_seat_share_pct", "float", "percent", _LOCAL_2018, "Seats of local lists, % of seats"),
    Field(
        "combined_local_national_seats_count",
        "integer",
        "count",
        _LOCAL_2018,
        "Seats of local lists whose name holds a national party (part of the local seats)",
        "seats",
    ),
    Field("regional_lists_seats_count", "integer", "count", _LOCAL_2018, "Seats of the FNP (not local)", "seats"),
    Field("lists_with_seats_count", "integer", "count", KIESRAAD_2018, "Lists with at least one seat", "lists"),
    Field("council_seats_2018_count", "integer", "count", KIESRAAD_2018, "Seats of the council of 2018", "seats"),
    Field(
        "local_lists_seats_2018_count",
        "integer",
        "count",
        _LOCAL_2018,
        "Seats of local lists, council of 2018 (rule: analysis.social.councils.LOCAL_RULE_2018)",
        "seats",
    ),
    Field(
        "local_lists_seat_share_2018_pct",
        "float",
        "percent",
        _LOCAL_2018,
        "Seats of local lists, % of seats, council of 2018 (a share of seats, not of votes as in 2010)",
    ),
    Field(
        "combined_local_national_seats_2018_count",
        "integer",
        "count",
        _LOCAL_2018,
        "Seats of local lists whose name holds a national party, council of 2018 (part of the local seats)",
        "seats",
    ),
    Field("regional_lists_seats_2018_count", "integer", "count", _LOCAL_2018, "Seats of the FNP, 2018", "seats"),
    Field(
        "lists_with_seats_2018_count",
        "integer",
        "count",
        KIESRAAD_2018,
        "Lists with a seat, 2018 (fragmentation)",
        "lists",
    ),
    Field(
        "council_2018_missing_reason",
        "string",
        "",
        KIESRAAD_2018,
        "Why 2018 council figures are NA: no council election on 21 March 2018 (a reorganisation moved it)",
    ),
]

#: Columns the case table adds to its sources.
CASE_TABLE: list[Field] = [
    Field("is_case", "boolean", "", CASES_FILE, "One of the twenty municipalities of 'Gemeenten in 3D'"),
    Field("size_class", "string", "", WIJKBUURTKAART, "Size class by inhabitants on 1 January 2017"),
]

#: Columns the cross-case table adds to the case table (the twenty, with their coded themes).
CROSSCASE: list[Field] = [
    Field("size_group", "category", "", DERIVED, "Inhabitants on 1 January 2017 below or at least 50,000"),
    Field("stedelijkheid_group", "category", "", DERIVED, "CBS stedelijkheid grouped: 1-2, 3, 4-5"),
    Field(
        "has_youth_care_region_100k", "boolean", "", DERIVED, "The youth care region has 100,000 inhabitants or more"
    ),
    Field("population_log10", "float", "log10", DERIVED, "log10 of population_count", "log10 inhabitants"),
    Field("coded_segments", "integer", "segments", CODINGS, "Distinct coded segments of the municipality"),
    Field("coded_documents", "integer", "documents", CODINGS, "Distinct coded documents of the municipality"),
    Field(
        "theme_{theme}_present",
        "integer",
        "",
        CODINGS,
        "Theme {theme}{label} coded at least once (0/1); NA without any coding",
    ),
    Field(
        "theme_{theme}_segments",
        "integer",
        "segments",
        CODINGS,
        "Distinct segments with a code of theme {theme}{label}; NA without any coding",
    ),
    # (H12, issue 10) A researcher's own attributes keep the name they gave them (analysis.qual.variables);
    # the dtype is the variable's declared type, which tables.crosscase writes into the dictionary.
    Field(
        "qda_{variable}",
        "string",
        "",
        "REFI-QDA project variables on cases and sources (analysis.qual.variables)",
        "QDA project variable {variable}",
    ),
    Field("has_illustrative_codings", "boolean", "", CODINGS, "The codings are made-up example data, not findings"),
    Field("codings_file_name", "string", "", CODINGS, "File name of the codings"),
    Field("codebook_version", "string", "", CODINGS, "Codebook the codes were checked against"),
]

# (H7) Structural peers (``structural_peers_2017.parquet``, analysis.geo.peers) and the online StatLine
# tables (``social_domain_statline.parquet``, analysis.social.statline_online).
_PEERS = "derived in analysis.geo.peers from the Wijk- en buurtkaart 2017 and StatLine 84066NED (2017)"
PEERS: list[Field] = [
    Field("peer_rank", "integer", "rank", _PEERS, "Order of the peer, 1 = structurally nearest"),
    Field("peer_gm_code", "string", "", _PEERS, "Municipality code of the peer (2017)"),
    Field("peer_gm_name", "string", "", _PEERS, "Municipality name of the peer (2017)"),
    Field("peer_distance_sd", "float", "sd", _PEERS, "Euclidean distance on the z-scores of the characteristics"),
    Field("peer_features_count", "integer", "count", _PEERS, "Characteristics both municipalities have", "features"),
]
_STATLINE_ONLINE = "CBS StatLine, fetched with cbsodata (make data ONLINE=1); table in table_id"
SOCIAL_DOMAIN_ONLINE: list[Field] = [
    Field("measure_code", "string", "", _STATLINE_ONLINE, "Key of the StatLine measure (topic)"),
    Field("measure_name", "string", "", _STATLINE_ONLINE, "Title of the StatLine measure, as CBS gives it"),
    Field("unit_label", "string", "", _STATLINE_ONLINE, "Unit of the measure, as CBS gives it"),
    Field("statline_value", "float", "as_stated", _STATLINE_ONLINE, "Value of the measure; NA where CBS has none"),
    Field("period_status_label", "string", "", _STATLINE_ONLINE, "Provisional or definitive, as CBS states it"),
    Field("selection_label", "string", "", _STATLINE_ONLINE, "The total category kept of every other dimension"),
]

#: Every source's fields; a new source adds its list here.
SOURCES: dict[str, list[Field]] = {
    "geography": GEOGRAPHY,
    "regions": REGIONS,
    "bijstand": BIJSTAND,
    "elections": ELECTIONS,
    "councils_2018": COUNCILS_2018,
    "case_table": CASE_TABLE,
    "crosscase": CROSSCASE,
    "peers": PEERS,
    "social_domain_online": SOCIAL_DOMAIN_ONLINE,
}
#: Values placeholders may take where they are known in advance; others (``theme``) match any text.
PLACEHOLDER_VALUES: dict[str, tuple[str, ...]] = {
    "region": tuple(REGION_TYPES),
    "year": tuple(str(year) for year in BIJSTAND_TABLES),
}
