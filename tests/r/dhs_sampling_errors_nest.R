# Golden values for wpsstats.dhs.sampling_errors(..., nest = TRUE) from R's survey package.
#
# Run from the repository root (R >= 4.1 with the survey package):
#   Rscript tests/r/dhs_sampling_errors_nest.R
# It reads tests/golden/survey_dhs_like.csv (tests/r/make_survey_data.py) and writes
# tests/golden/dhs_sampling_errors_nest_r.csv.
#
# The file's PSU ids (v021) are unique across strata, so nesting would not matter; the script
# first renumbers them to restart at 1 in each stratum (v021 - min(v021 in its stratum) + 1, the
# transformation tests/test_dhs_tables.py applies too), so that the same id names PSUs of several
# strata and only nest = TRUE tells them apart. The design is then
#   svydesign(ids = ~v021, strata = ~v022, weights = ~v005, nest = TRUE)
# with options(survey.lonely.psu = "adjust") (sampling_errors' default), and rows with y missing
# leave it first (subset(design, !is.na(y))). One row per grouping ("" for the whole sample,
# "region", "residence") x domain: svymean(~y, domain, deff = "replace")'s estimate (R), SE and
# DEFT = sqrt(deff); N, the unweighted cases (rows of the domain); and WN, the weighted cases as
# the DHS table counts them, sum(v005 / 1e6) over those rows. Values are printed with 17
# significant digits.

suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "adjust")

fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
dat <- read.csv(file.path("tests", "golden", "survey_dhs_like.csv"), stringsAsFactors = FALSE)
dat$v021 <- dat$v021 - ave(dat$v021, dat$v022, FUN = min) + 1
stopifnot(any(tapply(dat$v022, dat$v021, function(h) length(unique(h))) > 1))
des <- svydesign(ids = ~v021, strata = ~v022, weights = ~v005, data = dat, nest = TRUE)
desv <- subset(des, !is.na(y))

rows <- list()
for (g in c("", "region", "residence")) {
  key <- if (g == "") rep("(all)", nrow(desv$variables)) else desv$variables[[g]]
  for (k in sort(unique(key))) {
    sub <- desv[key == k, ]
    dm <- svymean(~y, sub, deff = "replace")
    rows[[length(rows) + 1]] <- data.frame(
      by = g, domain = k, R = fmt(unname(coef(dm))), SE = fmt(unname(SE(dm))),
      DEFT = fmt(sqrt(unname(deff(dm)))), N = nrow(sub),
      WN = fmt(sum(sub$variables$v005 / 1e6)), stringsAsFactors = FALSE
    )
  }
}

out <- do.call(rbind, rows)
write.csv(out, file.path("tests", "golden", "dhs_sampling_errors_nest_r.csv"), row.names = FALSE)
cat("wrote", nrow(out), "rows with R", R.version.string, "and survey",
    format(packageVersion("survey")), "\n")
