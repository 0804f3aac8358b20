# What R's survey prints for svychisq beside the F statistic that tests/golden/compare_r_values.csv
# holds: Pearson's X^2 of the weighted table scaled to N rows, the first-order (mean design effect)
# correction, and the test on a by column with missing values. For
# tests/test_compare_parity_mutations.py (wpsstats.survey_chisq's chisq, deff_mean and n columns).
#
# Run from the repository root (R >= 4.1 with the survey package):
#   Rscript tests/r/compare_chisq_pearson.R > tests/r/compare_chisq_pearson.Rout
#
# Per case it prints, to 17 significant digits:
#   F, ndf, ddf, p   svychisq(~y + by, design, statistic = "F")
#   chisq            chisq.test(svytable(~y + by, design, Ntotal = N), correct = FALSE)$statistic,
#                    N = nrow(design$variables): the X^2 svychisq divides by the design effect
#   df_rs1, p_rs1    svychisq(~y + by, design, statistic = "Chisq"): in survey 4.1 its statistic is
#                    that X^2 unchanged, its p-value pchisq(X^2 / mean(diag(Delta)), df = NCOL(Delta))
#                    -- the first-order correction by the mean generalised design effect -- and its
#                    parameter df = NCOL(Delta). So the mean design effect is X^2 / F / df (F is X^2
#                    over sum(diag(Delta))), and p_rs1 checks it: pchisq(chisq / deff_mean, df_rs1).
#   n                rows of the table: both y and by present
# Case "dhs_region_na": survey_dhs_like.csv with region set to NA in the rows whose v021 is a
# multiple of 5: those rows leave the table (svytable drops NA, svymean(na.rm = TRUE) drops them
# from the estimate) but keep the design (its PSUs and degrees of freedom). Case
# "dhs_region_subset": subset(design, v022 != 1 & region != "F"), which drops stratum 1 whole
# (its PSUs and the stratum leave the degrees of freedom).
suppressPackageStartupMessages(library(survey))
golden <- file.path("tests", "golden")
show <- function(name, des, by) {
  f <- as.formula(paste("~ y +", by))
  rf <- svychisq(f, des, statistic = "F")
  rc <- svychisq(f, des, statistic = "Chisq")
  N <- nrow(des$variables)
  x2 <- suppressWarnings(chisq.test(svytable(f, des, Ntotal = N), correct = FALSE))$statistic
  n <- sum(!is.na(des$variables$y) & !is.na(des$variables[[by]]))
  cat(sprintf("%s F=%.17g ndf=%.17g ddf=%.17g p=%.17g chisq=%.17g df_rs1=%d p_rs1=%.17g n=%d\n",
              name, rf$statistic, rf$parameter[[1]], rf$parameter[[2]], rf$p.value, x2,
              as.integer(rc$parameter[[1]]), rc$p.value, n))
}
options(survey.lonely.psu = "fail")
dhs <- read.csv(file.path(golden, "survey_dhs_like.csv"), stringsAsFactors = FALSE)
design <- function(d) svydesign(ids = ~v021, strata = ~v022, weights = ~v005, data = d)
show("dhs_region", design(dhs), "region")
show("dhs_agegrp", design(dhs), "agegrp")
na <- dhs
na$region[na$v021 %% 5 == 0] <- NA
show("dhs_region_na", design(na), "region")
show("dhs_region_subset", subset(design(dhs), v022 != 1 & region != "F"), "region")
nh <- read.csv(file.path(golden, "r_nhanes.csv"), stringsAsFactors = FALSE)
show("nhanes_race", svydesign(ids = ~psu, strata = ~strata, weights = ~w, nest = TRUE, data = nh),
     "race")
cat("R", R.version.string, "survey", format(packageVersion("survey")), "\n")
