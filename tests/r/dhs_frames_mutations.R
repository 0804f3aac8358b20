# Golden values for tests/test_dhs_frames_mutations.py from R's survey package.
#
# Run from the repository root (R >= 4.1 with the survey package):
#   Rscript tests/r/dhs_frames_mutations.R
# It reads tests/golden/dhs_ir_synthetic.csv (tests/r/make_dhs_ir.py; strata 6 and 18 of v022
# hold a single cluster) and writes tests/golden/dhs_frames_mutations_r.csv.
#
# The recodes and the design are the DHS Program's, as in tests/r/dhs_presets.R
# (DHSProgram/DHS-Indicators-R, Chap04_MS/DHS8/MS_MAR.R and Chap18_FG/FG_CIRCUM.R):
# svydesign(ids = ~v021, strata = ~v022, weights = ~v005/1e6, nest = TRUE).
#
# Cases:
#   ms_afm_18_level90: svyciprop(~ms_afm_18, subset(design, 20 <= v012 <= 24), method = "logit",
#     level = 0.90), lonely PSUs adjusted: a confidence level other than the default.
#   ms_afm_18_remove: as ms_afm_18 at level 0.95, with options(survey.lonely.psu = "remove")
#     instead of the presets' default "adjust".
#   fg_g102_only: the FGM recode when the file has no g100 (only g102 decides: 1 if g102 == 1,
#     0 if g102 == 0, else missing), svyciprop(method = "logit") among women 15-49 with it known.
#   se_<lonely>: the DHS Appendix B quantities of fg_fcircum_wm -- svymean(deff = "replace") on
#     subset(design, !is.na(fg_fcircum_wm)), for options(survey.lonely.psu = "adjust", "remove",
#     "certainty"); N is the rows, WN = sum(v005 / 1e6) over them.
# Each case is the whole sample ("(all)") and the regions v024 (subsets of the full design).
# Values are printed with 17 significant digits.

suppressPackageStartupMessages(library(survey))

ir <- read.csv(file.path("tests", "golden", "dhs_ir_synthetic.csv"))
ir$wt <- ir$v005 / 1000000
ir$ms_afm_18 <- ifelse(!is.na(ir$v511) & ir$v511 >= 0 & ir$v511 < 18, 1, 0)
g102 <- ir$g102
g100 <- ir$g100
ir$fg_fcircum_wm <- ifelse(
  !is.na(g102) & g102 == 1, 1,
  ifelse((!is.na(g102) & g102 == 0) | (!is.na(g100) & (g100 == 0 | g100 == 1)), 0, NA)
)
ir$fg_g102_only <- ifelse(!is.na(g102) & g102 == 1, 1, ifelse(!is.na(g102) & g102 == 0, 0, NA))

fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
rows <- list()
add <- function(case, domain, est, se, lo, hi, deft, n, wn) {
  rows[[length(rows) + 1]] <<- data.frame(
    case = case, domain = domain, estimate = fmt(est), se = fmt(se), lower = fmt(lo),
    upper = fmt(hi), DEFT = fmt(deft), N = n, WN = fmt(wn)
  )
}
design <- function() {
  svydesign(ids = ~v021, strata = ~v022, weights = ~wt, data = ir, nest = TRUE)
}
prop <- function(case, f, sub, level) {
  domains <- c("(all)", sort(unique(sub$variables$v024)))
  for (k in domains) {
    s <- if (k == "(all)") sub else subset(sub, v024 == as.integer(k))
    ci <- svyciprop(f, s, method = "logit", level = level)
    b <- attr(ci, "ci")
    add(case, k, as.numeric(ci), SE(ci), b[1], b[2], NA, nrow(s), sum(s$variables$wt))
  }
}

options(survey.lonely.psu = "adjust")
des <- design()
prop("ms_afm_18_level90", ~ms_afm_18, subset(des, v012 >= 20 & v012 <= 24), 0.90)
prop("fg_g102_only", ~fg_g102_only,
     subset(des, v012 >= 15 & v012 <= 49 & !is.na(fg_g102_only)), 0.95)
options(survey.lonely.psu = "remove")
prop("ms_afm_18_remove", ~ms_afm_18, subset(design(), v012 >= 20 & v012 <= 24), 0.95)

for (lonely in c("adjust", "remove", "certainty")) {
  options(survey.lonely.psu = lonely)
  sub <- subset(design(), !is.na(fg_fcircum_wm))
  for (k in c("(all)", sort(unique(sub$variables$v024)))) {
    s <- if (k == "(all)") sub else subset(sub, v024 == as.integer(k))
    m <- svymean(~fg_fcircum_wm, s, deff = "replace")
    add(paste0("se_", lonely), k, unname(coef(m)), unname(SE(m)), NA, NA,
        sqrt(unname(deff(m))), nrow(s), sum(s$variables$wt))
  }
}

out <- do.call(rbind, rows)
path <- file.path("tests", "golden", "dhs_frames_mutations_r.csv")
con <- file(path, "w")
writeLines(c(
  "# R golden values for tests/test_dhs_frames_mutations.py: written by tests/r/dhs_frames_mutations.R",
  paste0("# ", R.version.string, "; survey ", as.character(packageVersion("survey")))
), con)
write.csv(out, con, row.names = FALSE, quote = FALSE)
close(con)
cat("wrote", path, "(", nrow(out), "rows )\n")
