# Golden values for wpsstats.pool_prevalence, pooled_rate and mean_of_shares from R.
#
# Run from the repository root (R >= 4.1 with the survey package):
#   Rscript tests/r/pooling.R
# It reads tests/golden/survey_dhs_like.csv (tests/r/make_survey_data.py) and writes
# tests/golden/pooling_r.csv.
#
# pool_prevalence: each region of the synthetic survey stands for a country. svyby(svymean)
# gives the regional estimates with their full covariance (covmat = TRUE), and svycontrast()
# the population-weighted mean with its design SE from that covariance, and confint() its Normal
# 95 per cent interval; the regions' strata are disjoint, so the covariances are zero and the SE
# is sqrt(sum w_i^2 SE_i^2), the formula pool_prevalence uses. The populations are synthetic
# numbers, not real ones. Case "pool_prevalence level 0.90" is confint(con, level = 0.90);
# cases "pool_people" and "pool_people level 0.90" are the implied number of people,
# svycontrast() with the populations themselves as weights (sum N_i p_i, its SE and confint()),
# in the unit of the populations.
# pooled_rate: the members of several bodies pooled into one binomial sample; prop.test()
# without continuity correction gives the Wilson interval and binom.test() the Clopper-Pearson
# one, of the summed counts; mean_of_shares, R's mean() of the bodies' shares.

suppressPackageStartupMessages(library(survey))
fmt <- function(x) sprintf("%.17g", x)

dat <- read.csv(file.path("tests", "golden", "survey_dhs_like.csv"), stringsAsFactors = FALSE)
des <- svydesign(ids = ~v021, strata = ~v022, weights = ~v005, data = dat, nest = FALSE)
desv <- subset(des, !is.na(y))
by <- svyby(~y, ~region, desv, svymean, covmat = TRUE)
population <- c(A = 30, B = 10, C = 20, D = 5, E = 15, F = 8)
pop <- population[as.character(by$region)]
con <- svycontrast(by, pop / sum(pop))
covariance <- vcov(by)
off_diagonal <- max(abs(covariance[row(covariance) != col(covariance)]))

na <- "NA"
rows <- data.frame(
  case = "pool_prevalence", part = as.character(by$region), women = na, total = na,
  population = fmt(pop), estimate = fmt(by$y), se = fmt(SE(by)), lower = na, upper = na,
  max_covariance = na
)
rows <- rbind(rows, data.frame(
  case = "pool_prevalence", part = "(pooled)", women = na, total = na,
  population = fmt(sum(pop)), estimate = fmt(coef(con)), se = fmt(SE(con)),
  lower = fmt(confint(con)[1]), upper = fmt(confint(con)[2]), max_covariance = fmt(off_diagonal)
))
people <- svycontrast(by, pop)
for (level in c(0.95, 0.90)) {
  suffix <- if (level == 0.95) "" else " level 0.90"
  pooled <- list(prevalence = con, people = people)
  for (what in names(pooled)) {
    if (what == "prevalence" && level == 0.95) next  # the row above
    ct <- pooled[[what]]
    ci <- confint(ct, level = level)
    rows <- rbind(rows, data.frame(
      case = paste0("pool_", what, suffix), part = "(pooled)", women = na, total = na,
      population = fmt(sum(pop)), estimate = fmt(coef(ct)), se = fmt(SE(ct)),
      lower = fmt(ci[1]), upper = fmt(ci[2]), max_covariance = fmt(off_diagonal)
    ))
  }
}

bodies <- list(
  list(x = c(0, 1, 2), n = c(40, 10, 10)),
  list(x = c(9, 41, 3), n = c(36, 147, 1000)),
  list(x = c(0, 0), n = c(5, 7)),
  list(x = c(12, 30, 7, 1), n = c(12, 31, 9, 4))
)
for (i in seq_along(bodies)) {
  b <- bodies[[i]]
  x <- sum(b$x)
  n <- sum(b$n)
  wilson <- prop.test(x, n, correct = FALSE)$conf.int
  exact <- binom.test(x, n)$conf.int
  parts <- paste(paste(b$x, b$n, sep = "/"), collapse = " ")
  rows <- rbind(rows, data.frame(
    case = "mean_of_shares", part = parts, women = na, total = na, population = na,
    estimate = fmt(mean(b$x / b$n)), se = na, lower = na, upper = na, max_covariance = na
  ))
  rows <- rbind(rows, data.frame(
    case = c("pooled_rate wilson", "pooled_rate clopper_pearson"), part = parts,
    women = fmt(x), total = fmt(n), population = na, estimate = fmt(x / n), se = na,
    lower = fmt(c(wilson[1], exact[1])), upper = fmt(c(wilson[2], exact[2])),
    max_covariance = na
  ))
}

path <- file.path("tests", "golden", "pooling_r.csv")
con_out <- file(path, "w")
writeLines(c(
  "# R golden values for pool_prevalence and pooled_rate: written by tests/r/pooling.R",
  "# max_covariance: the largest off-diagonal covariance of the regional estimates",
  "# pool_people: the implied number of people (svycontrast with the populations as weights)",
  paste0("# ", R.version.string, "; survey ", as.character(packageVersion("survey")))
), con_out)
write.csv(rows, con_out, row.names = FALSE, quote = FALSE)
close(con_out)
cat("wrote", path, "(", nrow(rows), "rows )\n")
