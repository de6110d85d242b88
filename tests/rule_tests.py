"""Which test makes each rule fire and which keeps it silent on a near miss.

``RULE_TESTS[code] = (fire, near_miss)``, each ``"file.py::test_function"`` or None where no such
test exists yet. A *fire* test puts one mistake into a realistic workbook and asserts the rule's
finding; a *near-miss* test changes the same input a little less — inside the rule's tolerance or
just short of its condition — and asserts the rule stays silent (or, for a difference that only
rounding explains, reports it as 提示 rather than as the rule's own severity). A workbook the seeds
leave untouched is not a near miss. tests/test_rule_inventory.py checks this table against
``checker rules`` and the test files; the gaps (the None entries) are listed there too, so that the
list can only shrink.
"""
from __future__ import annotations

AT, AC, AN, AR = ("test_arithmetic_tables.py", "test_arithmetic_cross.py", "test_arithmetic_narrative.py",
                  "test_arithmetic_correspondences.py")
CR, PF, ST, YR, YP = "test_codes_rules.py", "test_performance.py", "test_structure.py", "test_yoy_rules.py", \
    "test_yoy_prior.py"
WD = "test_wording.py"
NM = "test_near_misses.py"
SP = "test_shanghai_projects.py"
SHT = "test_shanghai_tables.py"


def t(file: str, name: str) -> str:
    return f"{file}::{name}"


RULE_TESTS: dict[str, tuple[str | None, str | None]] = {
    # ---------------------------------------------------------------- A: sums within a table
    "A001": (t(AT, "test_a001_class_against_its_kuan"), t(AT, "test_a001_rounding_is_info")),
    "A002": (t(AT, "test_a002_economic_class"), t(AT, "test_a002_silent_when_the_kuan_add_up")),
    "A003": (t(AT, "test_a003_total_against_basic_and_project"), t(AT, "test_a003_rounding_is_info")),
    "A004": (t(AT, "test_a004_income_outline"), t(AT, "test_a004_silent_when_not_broken_down")),
    "A005": (t(AT, "test_a005_table4_balance"), t(AT, "test_a005_rounding_is_info")),
    "A006": (t(AT, "test_a006_unit_subtotals"), t(AT, "test_a006_rounding_is_info")),
    "A007": (t(AT, "test_a007_three_public_expenses"), t(AT, "test_a007_rounding_is_info")),
    "A008": (t(AT, "test_a008_carry_over_projects"), t(AT, "test_a008_rounding_is_info")),
    # ---------------------------------------------------------------- A: between tables
    "A101": (t(AC, "test_a101_points_at_the_odd_one_out"), t(AC, "test_a101_one_cent_apart_is_rounding")),
    "A102": (t(AC, "test_a102_class_in_three_tables"), t(AC, "test_a102_one_cent_apart_is_rounding")),
    "A103": (t(AC, "test_a103_general_budget_odd_one_out"),
             t(AC, "test_a103_table4_with_carry_over_compares_like_with_like")),
    "A104": (t(AC, "test_a104_class_odd_one_out"), t(AC, "test_a104_with_table4_carry_over_compares_like_with_like")),
    "A105": (t(AC, "test_a105_basic_expenditure"), t(AC, "test_a105_one_cent_is_rounding_two_cents_are_not")),
    "A106": (t(AC, "test_a106_per_item_code"), t(AC, "test_a106_one_cent_over_four_projects_is_rounding")),
    "A107": (t(AC, "test_a107_general_budget_above_total"), t(AC, "test_a107_silent_when_below")),
    "A108": (t(SHT, "test_a108_personnel_costs_booked_as_public_costs_in_table8"),
             t(SHT, "test_a108_near_miss_basic_spending_of_other_income_is_not_in_table8")),
    # ---------------------------------------------------------------- A: narrative against tables
    "A201": (t(AN, "test_a201_narrative_amount_differs_from_table"), t(AN, "test_a201_table_in_yuan_rounds_to_the_narrative")),
    "A202": (t(AN, "test_a202_share_fires_and_is_fixed"),
             t(AN, "test_a202_share_that_only_the_rounding_of_its_amounts_explains_is_silent")),
    "A203": (t(AN, "test_a203_and_a204_project_scale"), t(AN, "test_a203_rounding_over_several_codes_is_info")),
    "A204": (t(AN, "test_a204_allocation"), t(AN, "test_a204_rates_are_not_items")),
    "A205": (t(AN, "test_a205_source_left_out"), t(AN, "test_a205_list_variants")),
    "A206": (t(AN, "test_a206_income_source_left_out_of_two"), t(AN, "test_a206_silent_when_the_source_left_out_is_zero_in_the_table")),
    "A207": (t(AN, "test_a207_procurement"), t(AN, "test_a207_procurement_within_the_rounding_of_four_figures")),
    "A208": (t(AN, "test_a208_assets"), t(AN, "test_a208_devices_above_100_wan_may_be_all_of_those_above_50")),
    "A209": (t(AN, "test_a209_names_not_in_the_tables"), t(AN, "test_a209_silent_for_names_that_differ_only_in_spaces_and_brackets")),
    "A210": (t(AN, "test_a210_sub_items_of_a_class"), t(AN, "test_a210_rounding_excess_is_info")),
    "A212": (t(WD, "test_a212_an_item_restated_with_another_amount"),
             t(WD, "test_a212_near_miss_the_item_restated_with_its_own_amount")),
    "A211": (t(AN, "test_a211_running_costs_against_table6"), t(AN, "test_a211_running_costs_against_a_table_in_yuan_that_rounds_to_them")),
    "A213": (t(SP, "test_a213_a214_amounts_that_do_not_fit_the_items_or_the_tables"),
             t(SP, "test_a213_a214_near_miss_items_that_still_add_up_and_a_named_project_within_its_item")),
    "A214": (t(SP, "test_a213_a214_quarters_against_the_total_and_the_table"),
             t(SP, "test_a213_a214_near_miss_a_total_its_quarters_make")),
    # ---------------------------------------------------------------- A: correspondences
    "A301": (t(AR, "test_a301_reception_costs"), t(NM, "test_a301_silent_when_the_reception_costs_of_other_funds_are_left_out")),
    "A302": (t(AR, "test_a302_housing_fund"), t(NM, "test_a302_silent_when_only_what_the_rule_does_not_compare_changes")),
    "A303": (t(AR, "test_a303_retirement_items_below_the_pensions"),
             t(AR, "test_a303_rounding_does_not_take_an_amount_out_of_its_range")),
    # ---------------------------------------------------------------- C: codes
    "C001": (t(CR, "test_c001_a_kuan_of_one_digit"), t(CR, "test_c001_silent_on_codes_typed_as_numbers")),
    "C002": (t(CR, "test_c002_item_under_a_kuan_it_does_not_belong_to"),
             t(NM, "test_c002_silent_when_a_typo_keeps_the_item_under_its_kuan")),
    "C003": (t(CR, "test_c003_missing_kuan_row"), t(CR, "test_c003_silent_on_a_table_that_prints_no_kuan_rows_at_all")),
    "C004": (t(CR, "test_c004_items_out_of_order"), t(CR, "test_c004_silent_on_table7_repeating_an_item_per_project")),
    "C010": (t(CR, "test_c010_class_not_in_the_class_list"),
             t(CR, "test_c010_silent_on_kuan_the_seeds_never_print_but_the_complete_list_has")),
    "C011": (t(CR, "test_c011_item_not_in_an_incomplete_branch"), t(CR, "test_c011_silent_when_a_plugin_adds_the_code")),
    "C012": (t(CR, "test_c012_a_former_class_name"),
             t(NM, "test_c012_silent_for_a_name_close_to_the_former_one_that_is_no_years_name")),
    "C013": (t(CR, "test_c013_2025_table_printing_234_gets_a_warning_only"),
             t(CR, "test_c013_silent_on_2024_tables_printing_234")),
    "C014": (t(CR, "test_c014_no_list_for_the_year"), t(CR, "test_c014_silent_once_the_year_is_imported")),
    "C020": (t(CR, "test_c020_table4_class_name"), t(CR, "test_c020_silent_when_the_name_differs_only_in_spacing_and_brackets")),
    "C021": (t(CR, "test_c021_same_code_two_names_in_two_tables"),
             t(CR, "test_c021_silent_when_names_differ_only_in_brackets_and_spaces")),
    "C030": (t(CR, "test_c030_table1_missing_classes"), t(CR, "test_c030_silent_on_2025_template_without_234")),
    "C040": (t(CR, "test_c040_public_expense_in_the_personnel_column"), t(CR, "test_c040_silent_when_the_personnel_column_shows_zero")),
    "C041": (t(CR, "test_c041_table7_columns_out_of_order"), t(CR, "test_c041_silent_on_a_column_name_with_a_space_typed_in")),
    # ---------------------------------------------------------------- P: performance targets
    "P001": (t(PF, "test_p001_project_without_table"), t(PF, "test_p001_secret_project_is_exempt_and_says_so")),
    "P002": (t(PF, "test_p002_table_without_project"), t(PF, "test_p002_silent_when_the_table_names_its_project_a_little_differently")),
    "P003": (t(PF, "test_seed_001_target_names_differ_from_t7"), t(PF, "test_p003_silent_when_names_agree")),
    "P004": (t(PF, "test_p004_narrative_counts"), t(PF, "test_p004_amount_in_yuan_or_unspaced_is_the_same_amount")),
    "P005": (t(PF, "test_p001_secret_project_is_exempt_and_says_so"),
             t(NM, "test_p005_silent_when_the_narrative_says_there_is_no_secret_project")),
    "P010": (t(PF, "test_p010_unit_not_the_unit"), t(PF, "test_p010_sub_unit_with_the_region_in_front")),
    "P011": (t(PF, "test_p011_header_field_blank"), t(NM, "test_p011_silent_for_the_unit_field_labelled_with_its_seal_note")),
    "P012": (t(PF, "test_p012_total_not_the_sum"), t(PF, "test_p012_one_cent_is_rounding_two_are_not")),
    "P013": (t(PF, "test_p013_budget_differs_from_t7"), t(PF, "test_p013_silent_when_t7_shows_the_fiscal_part")),
    "P014": (t(PF, "test_p014_year"), t(PF, "test_p014_year_written_with_full_width_brackets_and_niandu")),
    "P015": (t(PF, "test_p015_goal_total_differs"), t(PF, "test_p015_goal_amount_within_its_rounding")),
    "P016": (t(PF, "test_seed_001_target_names_differ_from_t7"), t(PF, "test_p016_silent_when_the_parts_add_up")),
    "P020": (t(PF, "test_p020_level1"), t(PF, "test_p020_silent_for_the_level1_name_with_a_space_or_without_zhibiao")),
    "P021": (t(PF, "test_p021_level2"), t(PF, "test_p021_silent_when_fixed")),
    "P022": (t(PF, "test_p022_missing_kind"), t(PF, "test_p022_silent_when_a_kind_keeps_one_indicator")),
    "P030": (t(PF, "test_p030_malformed_value"), t(PF, "test_p030_operator_spellings_accepted")),
    "P031": (t(PF, "test_p031_qualitative_value"), t(PF, "test_p031_silent_for_a_qualitative_value_of_a_benefit_indicator")),
    "P032": (t(PF, "test_p032_rate"), t(PF, "test_p032_rate_of_exactly_100_percent")),
    "P033": (t(PF, "test_p033_negative_indicator"), t(PF, "test_p033_negative_indicator")),
    "P034": (t(PF, "test_p034_costs_exceed_the_budget"), t(PF, "test_p034_costs_at_the_budget")),
    "P035": (t(PF, "test_seed_000_messages_quote_the_numbers"), t(PF, "test_p035_silent_when_costs_cover_the_budget")),
    "P036": (t(PF, "test_p036_basis_and_weight"), t(NM, "test_p036_silent_for_the_basis_column_under_another_of_its_names")),
    "P040": (t(PF, "test_p040_silent_when_the_weights_add_up"), t(PF, "test_p040_silent_when_the_weights_add_up")),
    "P041": (t(PF, "test_p041_mixed_conventions"), t(PF, "test_p041_silent_when_weights_move_within_the_same_total")),
    "P050": (t(PF, "test_p050_fires_on_another_quantity"), t(PF, "test_p050_silent_when_goal_and_indicator_agree")),
    # ---------------------------------------------------------------- S: structure
    "S001": (t(ST, "test_s001_missing_table"), t(ST, "test_s001_empty_table_may_be_stated_in_the_narrative")),
    "S002": (t(ST, "test_s002_duplicate_table"), t(NM, "test_s002_silent_for_a_table_of_contents_that_repeats_every_title")),
    "S003": (t(ST, "test_s003_unit_and_year_mismatch"), t(ST, "test_s003_silent_when_the_unit_name_differs_only_in_spaces_and_the_year_in_niandu")),
    "S004": (t("test_formulas.py", "test_uncached_formula_is_reported"), t("test_formulas.py", "test_recalc_option_runs_libreoffice")),
    "S005": (t(ST, "test_s005_table_without_title"), t(NM, "test_s005_silent_for_a_sheet_with_a_few_numbers_and_no_title")),
    "S006": (t(ST, "test_s006_empty_table_without_statement"), t(ST, "test_s006_silent_for_an_empty_table_explained_in_other_words")),
    "S007": (t(WD, "test_s007_a_table_with_data_noted_as_empty"), t(WD, "test_s007_near_miss_a_note_that_does_not_say_empty")),
    "S009": (t("test_contents.py", "test_s009_contents_that_disagree_with_the_tables"),
             t("test_contents.py", "test_s009_near_miss_contents_printed_with_leaders_page_numbers_and_spaces")),
    "S008": (t("test_implausible.py", "test_implausible_values_are_s007_and_no_plugin_crashes"),
             t("test_implausible.py", "test_plausible_large_amounts_and_id_numbers_are_not_flagged")),
    "S015": (t("test_cell_errors.py", "test_s015_error_values_in_a_table"),
             t("test_cell_errors.py", "test_s015_silent_on_a_sentence_that_mentions_an_error")),
    "S010": (t(WD, "test_s010_a_placeholder_left_in_the_narrative"),
             t(WD, "test_s010_near_miss_latin_letters_and_a_generic_bracket_are_not_placeholders")),
    "S011": (t(WD, "test_s011_a_bracket_closed_by_the_other_kind"), t(WD, "test_s011_near_miss_half_width_brackets_that_pair")),
    "S012": (t(WD, "test_s012_a_unit_calling_itself_a_department"), t(WD, "test_s012_near_miss_a_unit_naming_its_department")),
    "S013": (t(WD, "test_s013_compared_with_a_year_that_is_not_last_year"),
             t(WD, "test_s013_near_miss_last_year_as_the_budget_execution")),
    "S014": (t(WD, "test_s014_the_sme_reserve_left_out"), t(WD, "test_s014_near_miss_no_reserve_needed_without_procurement")),
    "S020": (t("test_deviations.py", "test_a_row_at_another_place_is_reported_with_where_the_findings_are"),
             t("test_deviations.py", "test_a_location_copied_from_the_report_matches")),
    "S900": (t("test_engine.py", "test_crashing_plugin_becomes_a_finding_and_the_run_goes_on"), t("test_engine.py", "test_no_s900_for_a_plugin_that_declares_the_rules_it_reports")),
    # ---------------------------------------------------------------- Y: changes against last year
    "Y001": (t(YR, "test_y001_current_amount_differs_from_table"), t(YR, "test_y001_silent_within_rounding")),
    "Y002": (t(YR, "test_y002_last_year_would_be_negative"), t(YR, "test_y002_last_year_zero_or_within_rounding_of_zero")),
    "Y003": (t(YR, "test_y003_percentage_does_not_fit"), t(YR, "test_y007_silent_and_percent_checked_against_the_stated_last_year")),
    "Y004": (t(YR, "test_y004_words_disagree"), t(YR, "test_y004_silent_for_two_words_of_one_direction")),
    "Y005": (t(YR, "test_y005_hundred_percent_decrease_with_an_amount_left"), t(YR, "test_y005_silent_when_the_amount_left_is_stated_as_a_partial_decrease")),
    "Y006": (t(YR, "test_y006_items_against_total"), t(YR, "test_y006_items_within_the_rounding_of_six_changes")),
    "Y008": (t(WD, "test_y008_one_total_compared_with_the_budget_execution"),
             t(WD, "test_y008_near_miss_every_total_compared_with_the_budget_execution")),
    "Y007": (t(YR, "test_y007_stated_last_year_amount_disagrees"),
             t(YR, "test_y007_silent_and_percent_checked_against_the_stated_last_year")),
    "Y010": (t(YR, "test_y010_change_without_reason"), t(YR, "test_y010_reason_in_the_next_paragraph")),
    "Y011": (t(YR, "test_y011_reason_only_restates"), t(YR, "test_y011_silent_when_the_restatement_is_followed_by_a_reason")),
    "Y012": (t(YR, "test_y012_zero_change_with_a_reason_that_says_increase"), t(YR, "test_y012_silent_when_reason_agrees")),
    "Y013": (t(YR, "test_y013_same_reason_for_an_increase_and_a_decrease"),
             t(YR, "test_y013_silent_for_one_reason_that_names_both_items")),
    "Y014": (t(YR, "test_y014_parts_do_not_add_up"), t(YR, "test_y014_whole_number_parts_within_their_rounding")),
    "Y015": (t(YR, "test_y015_fires_on_a_boilerplate_reason"), t(YR, "test_y015_threshold_is_configurable")),
    "Y020": (t(YR, "test_y020_item_without_entry"), t(YR, "test_y020_silent_for_an_item_table5_shows_with_nothing")),
    "Y021": (t(YR, "test_y021_names_differ_from_table"), t(YR, "test_y021_silent_when_names_differ_only_in_brackets_and_spaces")),
    "Y022": (t(YR, "test_y022_order_differs_from_table"),
             t(NM, "test_y022_silent_when_the_narrative_follows_a_table5_printed_out_of_code_order")),
    "Y023": (t(YR, "test_y023_income_source_without_change"), t(YR, "test_y023_income_source_stated_only_in_the_fiscal_overview")),
    "Y030": (t(YP, "test_y030_item_change_differs_from_the_two_tables"), t(YP, "test_y030_item_matched_by_name_when_its_code_changed")),
    "Y031": (t(YP, "test_y031_vanished_item_without_its_statement"), t(YP, "test_y031_silent_when_the_vanished_item_is_stated")),
}
