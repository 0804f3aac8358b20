# R's survey on tests/golden/survey_lonely.csv (six of its 40 strata have one PSU) in two lonely-PSU
# cases that tests/golden/compare_r_values.csv does not hold. For
# tests/test_compare_parity_mutations.py (wpsstats.survey_chisq and prevalence_difference).
#
# Run from the repository root (R >= 4.1 with the survey package):
#   Rscript tests/r/compare_lonely_psu.R > tests/r/compare_lonely_psu.Rout
#
# 1. options(survey.lonely.psu = "adjust") with a finite population correction: a column fpc, the
#    number of PSUs in the population of each stratum, three times the stratum's sampled PSUs (the
#    "adjust" centring of a lonely stratum is scaled by its correction). Lines "chisq" and
#    "difference_A_B".
# 2. options(survey.lonely.psu = "fail") with the indicator missing in every row of the strata of
#    one PSU: those strata hold no row of the table, and R computes the test (line
#    "fail_lonely_all_missing").
# Prints, to 17 significant digits: svychisq(~y + region, design, statistic = "F")'s F, ndf, ddf
# and p; and svycontrast of svyby(~y, ~region, design, svymean, covmat = TRUE), A - B, with its SE.
suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "adjust")
d <- read.csv(file.path("tests", "golden", "survey_lonely.csv"), stringsAsFactors = FALSE)
d$fpc <- 3 * ave(d$v021, d$v022, FUN = function(x) length(unique(x)))
des <- subset(svydesign(ids = ~v021, strata = ~v022, weights = ~v005, fpc = ~fpc, data = d),
              !is.na(y))
ch <- svychisq(~y + region, des, statistic = "F")
cat(sprintf("chisq F=%.17g ndf=%.17g ddf=%.17g p=%.17g\n", ch$statistic, ch$parameter[[1]],
            ch$parameter[[2]], ch$p.value))
sb <- svyby(~y, ~region, des, svymean, covmat = TRUE)
ct <- svycontrast(sb, c(1, -1, 0, 0, 0))
cat(sprintf("difference_A_B estimate=%.17g se=%.17g\n", coef(ct), SE(ct)))

options(survey.lonely.psu = "fail")
m <- read.csv(file.path("tests", "golden", "survey_lonely.csv"), stringsAsFactors = FALSE)
npsu <- ave(m$v021, m$v022, FUN = function(x) length(unique(x)))
m$y[npsu == 1] <- NA
des <- subset(svydesign(ids = ~v021, strata = ~v022, weights = ~v005, data = m), !is.na(y))
ch <- svychisq(~y + region, des, statistic = "F")
cat(sprintf("fail_lonely_all_missing F=%.17g ndf=%.17g ddf=%.17g p=%.17g\n", ch$statistic,
            ch$parameter[[1]], ch$parameter[[2]], ch$p.value))
cat("R", R.version.string, "survey", format(packageVersion("survey")), "\n")
