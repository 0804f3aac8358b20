# R survey's svychisq when one by value, or one cell of the table, has weight 0 or almost 0, on
# tests/golden/survey_dhs_like.csv (PSU v021, stratum v022, weight v005, by region). R returns
# F = NaN beside finite degrees of freedom at 0, and stops in solve() once a cell holds less than
# the rounding of the total; wpsstats.survey_chisq raises a ValueError naming the by value or the
# cell in both, and agrees with R above that (both stop at the cases of region B weighing 2e-9,
# 9.8e-17 of the total, and both compute at 5e-9, 2.4e-16). Run from the repository root:
#   Rscript tests/r/survey_chisq_small_weights.R > tests/r/survey_chisq_small_weights.Rout
suppressMessages(library(survey))
base <- read.csv(file.path("tests", "golden", "survey_dhs_like.csv"))
for (kind in c("by", "cell")) {
  for (w in c(0, 1e-6, 1e-8, 5e-9, 2e-9, 1e-12, 1e-20, 1e-300)) {
    d <- base
    rows <- if (kind == "by") d$region == "F" else d$region == "B" & d$y == 1
    d$v005[rows] <- w
    des <- svydesign(ids = ~v021, strata = ~v022, weights = ~v005, data = d)
    r <- try(svychisq(~y + region, des, statistic = "F"), silent = TRUE)
    if (inherits(r, "try-error")) {
      cat(sprintf("%s %g error: %s", kind, w, r))
    } else {
      cat(sprintf("%s %g F=%.17g ndf=%.17g ddf=%.17g\n", kind, w, r$statistic,
                  r$parameter[[1]], r$parameter[[2]]))
    }
  }
}
