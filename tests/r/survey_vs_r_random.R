# Golden values for the disagreements a randomised comparison of wpsstats with R's survey found.
#
# Run from the repository root (R >= 4.1 with the survey package):
#   Rscript tests/r/survey_vs_r_random.R
# It writes tests/golden/survey_vs_r_random_data.csv (four small designs, reduced from random
# ones, one block of rows per case) and tests/golden/survey_vs_r_random_r.csv: for each case,
# the difference of domains a and b (svyby(~y, ~dom, subset(design, !is.na(y) [& sub]), svymean,
# covmat = TRUE) + svycontrast(c(1, -1)), with confint(con) as lower, upper and the two-sided
# Wald p-value 2 * pnorm(-abs(coef / SE))) and svychisq(~y + dom, design, statistic = "F")
# (on subset(design, sub) where the case has a subset) with chisq, Pearson's X^2 of
# svytable(~y + dom, design, Ntotal = N), N the rows of that design. Values have 17 significant
# digits.
#   census_average    options(survey.lonely.psu = "average"), fpc = ~fpc: stratum 3 has one PSU
#                     and is sampled whole (fpc 1), so R's onestrat gives it zero variance
#                     before looking at its PSU count; it is no lonely stratum
#   missing_average   "average": stratum 4's rows all miss y, so no estimate has a row there and
#                     R's onestage does not count it (stratum 3 is lonely)
#   two_stage_average "average", id = ~psu + ssu, fpc = ~fpc + fpc2: stratum 2 has one PSU; R
#                     scales the first stage's variance by 2/1, not the second stage's (each
#                     PSU's SSUs form one stratum of their own, none of them lonely)
#   subset_chisq      svychisq on subset(design, sub), which leaves out PSU 6: R's ddf counts the
#                     PSUs of the subset (5 - 2) and its table is scaled to the 9 rows inside

suppressPackageStartupMessages(library(survey))

golden <- file.path("tests", "golden")
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

block <- function(case, h, psu, w, y, dom, ssu = 1, fpc = NA, fpc2 = NA, sub = TRUE) {
  data.frame(case = case, h = h, psu = psu, ssu = ssu, w = w, y = y, dom = dom, fpc = fpc,
             fpc2 = fpc2, sub = sub, stringsAsFactors = FALSE)
}
ab <- c("a", "b")
data <- rbind(
  block("census_average", h = c(1, 1, 1, 1, 2, 2, 2, 2, 3, 3),
        psu = c(1, 1, 2, 2, 3, 3, 4, 4, 5, 5), w = c(1, 2, 1, 3, 2, 1, 1, 2, 1, 2),
        y = c(1, 0, 0, 1, 1, 1, 0, 0, 1, 0), dom = rep(ab, 5),
        fpc = c(10, 10, 10, 10, 10, 10, 10, 10, 1, 1)),
  block("missing_average", h = c(1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 4),
        psu = c(1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7), w = c(1, 2, 1, 3, 2, 1, 1, 2, 1, 2, 1, 2, 1),
        y = c(1, 0, 0, 1, 1, 1, 0, 0, 1, 0, NA, NA, NA), dom = c(rep(ab, 6), "a")),
  block("two_stage_average", h = c(1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2),
        psu = c(1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3), ssu = c(1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2),
        w = c(1, 2, 1, 3, 2, 1, 1, 2, 1, 2, 2, 1), y = c(1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1),
        dom = rep(ab, 6), fpc = 5, fpc2 = 4),
  block("subset_chisq", h = c(1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2),
        psu = c(1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6), w = c(1, 2, 1, 3, 2, 1, 1, 2, 1, 2, 1, 2),
        y = c(1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0), dom = rep(ab, 6),
        sub = c(rep(TRUE, 5), FALSE, rep(TRUE, 4), FALSE, FALSE))
)
write.csv(data, file.path(golden, "survey_vs_r_random_data.csv"), row.names = FALSE)

design <- function(d) {
  if (all(is.na(d$fpc))) {
    svydesign(ids = ~psu, strata = ~h, weights = ~w, data = d)
  } else if (all(is.na(d$fpc2))) {
    svydesign(ids = ~psu, strata = ~h, weights = ~w, fpc = ~fpc, data = d)
  } else {
    d$ssu <- d$psu * 100 + d$ssu  # SSU labels unique across PSUs
    svydesign(ids = ~psu + ssu, strata = ~h, weights = ~w, fpc = ~fpc + fpc2, data = d)
  }
}

rows <- list()
add <- function(case, kind, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(case = case, kind = kind, quantity = quantity,
                                          value = fmt(unname(value)), stringsAsFactors = FALSE)
}
lonely <- c(census_average = "average", missing_average = "average",
            two_stage_average = "average", subset_chisq = "fail")
for (case in names(lonely)) {
  options(survey.lonely.psu = lonely[[case]])
  d <- data[data$case == case, ]
  des <- design(d)
  if (!all(d$sub)) des <- subset(des, sub)
  desv <- subset(des, !is.na(y))
  sb <- svyby(~y, ~dom, desv, svymean, covmat = TRUE)
  ct <- svycontrast(sb, as.numeric(sb$dom == "a") - as.numeric(sb$dom == "b"))
  ci <- confint(ct)
  add(case, "difference", "difference", coef(ct))
  add(case, "difference", "se", SE(ct))
  add(case, "difference", "lower", ci[1])
  add(case, "difference", "upper", ci[2])
  add(case, "difference", "p_value", 2 * pnorm(-abs(coef(ct) / SE(ct))))
  ch <- svychisq(~y + dom, des, statistic = "F")
  n <- nrow(des$variables)
  x2 <- suppressWarnings(chisq.test(svytable(~y + dom, des, Ntotal = n), correct = FALSE))
  add(case, "chisq", "statistic", ch$statistic)
  add(case, "chisq", "ndf", ch$parameter["ndf"])
  add(case, "chisq", "ddf", ch$parameter["ddf"])
  add(case, "chisq", "p_value", ch$p.value)
  add(case, "chisq", "chisq", x2$statistic)
}

out <- do.call(rbind, rows)
write.csv(out, file.path(golden, "survey_vs_r_random_r.csv"), row.names = FALSE)
cat("wrote", nrow(out), "rows with R", R.version.string, "and survey",
    format(packageVersion("survey")), "\n")
