# Golden values for wpsstats.dhs (child_marriage, fgm_prevalence) from R's survey package.
#
# Run from the repository root (R >= 4.1 with the survey package):
#   .venv/bin/python tests/r/make_dhs_ir.py
#   Rscript tests/r/dhs_presets.R
# It reads tests/golden/dhs_ir_synthetic.csv and writes tests/golden/dhs_presets_r.csv.
#
# The recodes and the design are written as the DHS Program's own R code writes them
# (DHSProgram/DHS-Indicators-R): Chap04_MS/DHS8/MS_MAR.R,
#   ms_afm_18 = case_when(v511 >= 0 & v511 < 18 ~ 1, TRUE ~ 0)   (and 15 for ms_afm_15),
# among women 20-24 (SDG 5.3.1); Chap18_FG/FG_CIRCUM.R,
#   fg_fcircum_wm = case_when(g102 == 1 ~ 1, g102 == 0 | g100 == 0 | g100 == 1 ~ 0),
# among women 15-49 with the indicator known; the design svydesign(id = ~v021, strata = ~v022,
# weights = ~wt) with wt = v005/1000000, and options(survey.lonely.psu = "adjust") from the DHS
# Program's introduction to survey design in R. base R's ifelse() stands for case_when().
# Each estimate is svyciprop() on subset() of the full design (so every stratum keeps its
# clusters), for the whole sample and per region with svyby(); its ci_l and ci_u columns are
# the interval (confint() of a svyby object would rebuild a Normal one from the SE).

suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "adjust")

ir <- read.csv(file.path("tests", "golden", "dhs_ir_synthetic.csv"))
ir$wt <- ir$v005 / 1000000
afm <- function(before) ifelse(!is.na(ir$v511) & ir$v511 >= 0 & ir$v511 < before, 1, 0)
ir$ms_afm_15 <- afm(15)
ir$ms_afm_18 <- afm(18)
g102 <- ir$g102
g100 <- ir$g100
ir$fg_fcircum_wm <- ifelse(
  !is.na(g102) & g102 == 1, 1,
  ifelse((!is.na(g102) & g102 == 0) | (!is.na(g100) & (g100 == 0 | g100 == 1)), 0, NA)
)

fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
rows <- list()
add <- function(indicator, strata, method, by, domain, est, se, lo, hi) {
  rows[[length(rows) + 1]] <<- data.frame(
    indicator = indicator, strata = strata, method = method, by = by, domain = domain,
    estimate = fmt(est), se = fmt(se), lower = fmt(lo), upper = fmt(hi)
  )
}

cases <- list(
  list("ms_afm_18", "v022"), list("ms_afm_15", "v022"), list("ms_afm_18", "v023"),
  list("fg_fcircum_wm", "v022")
)
for (case in cases) {
  indicator <- case[[1]]
  strata <- case[[2]]
  des <- svydesign(ids = ~v021, strata = as.formula(paste0("~", strata)), weights = ~wt,
                   data = ir, nest = TRUE)
  if (indicator == "fg_fcircum_wm") {
    sub <- subset(des, v012 >= 15 & v012 <= 49 & !is.na(fg_fcircum_wm))
  } else {
    sub <- subset(des, v012 >= 20 & v012 <= 24)
  }
  f <- as.formula(paste0("~", indicator))
  for (m in c("logit", "beta")) {
    ci <- svyciprop(f, sub, method = m, level = 0.95)
    bounds <- attr(ci, "ci")
    add(indicator, strata, m, "", "(all)", as.numeric(ci), SE(ci), bounds[1], bounds[2])
    byreg <- svyby(f, ~v024, sub, svyciprop, method = m, level = 0.95, vartype = c("se", "ci"))
    for (i in seq_len(nrow(byreg))) {
      add(indicator, strata, m, "v024", as.character(byreg$v024[i]), byreg[i, indicator],
          byreg$se[i], byreg$ci_l[i], byreg$ci_u[i])
    }
  }
}

out <- do.call(rbind, rows)
path <- file.path("tests", "golden", "dhs_presets_r.csv")
con <- file(path, "w")
writeLines(c(
  "# R golden values for wpsstats.dhs presets: written by tests/r/dhs_presets.R",
  paste0("# ", R.version.string, "; survey ", as.character(packageVersion("survey")))
), con)
write.csv(out, con, row.names = FALSE, quote = FALSE)
close(con)
cat("wrote", path, "(", nrow(out), "rows )\n")
