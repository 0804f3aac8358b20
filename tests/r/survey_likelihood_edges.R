# Small designs at the edges of R survey's likelihood (profile) interval, the R side of
# LIKELIHOOD_EDGES in tests/test_survey.py, which holds the same data and reads the bounds from
# the output. Run from the repository root:
#   Rscript tests/r/survey_likelihood_edges.R > tests/r/survey_likelihood_edges.Rout
# One line per case: its name, the level, and confint() of svyciprop(method = "likelihood") on
# the rows of domain "a" (NA where R's profile gives no bound).
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
cases <- list(
  # far-out profile steps where binomial()$linkinv clamps mu, so the deviance is flat there
  clamped = list(conf = 0.95, data = data.frame(
    y = c(0, 0, 0, 0, 0, 1), w = c(1, 2, 2, 3, 1, 2), strata = c(0, 0, 1, 0, 0, 0),
    psu = c(0, 2, 10, 1, 0, 2), dom = c("a", "a", "a", "a", "b", "a")
  )),
  # the upper profile stops after 9 steps short of its cutoff: R returns NA for that bound
  upper_stops = list(conf = 0.75, data = data.frame(
    y = c(0, 0, 0, 0, 1, 0, 0, 0), w = c(1, 1, 1, 1, 26, 1, 18, 1), strata = 0,
    psu = c(0, 0, 0, 0, 0, 0, 0, 1), dom = "a"
  )),
  # one row per PSU, two rows: both profile steps land where mu is clamped; R gives NA, NaN
  two_rows = list(conf = 0.95, data = data.frame(
    y = c(0, 1), w = c(18, 1), strata = c(0, 0), psu = c(0, 1), dom = c("a", "a")
  )),
  # three clusters (df = 2): the profile's cutoff is a quantile at alpha of about 1e-17, where
  # scipy's f.isf is infinite (the bounds were NaN); the design of survey_likelihood_small_df.R
  three_clusters = list(conf = 0.95, data = data.frame(
    y = as.integer(unlist(lapply(c(2, 10, 18), function(k) seq_len(20) <= k))), w = 1,
    strata = 0, psu = rep(1:3, each = 20), dom = "a"
  ))
)
cat("case conf lower upper\n")
for (name in names(cases)) {
  case <- cases[[name]]
  des <- svydesign(ids = ~psu, strata = ~strata, weights = ~w, data = case$data)
  ci <- confint(svyciprop(~y, subset(des, dom == "a"), method = "likelihood", level = case$conf))
  cat(paste(name, case$conf, paste(sprintf("%.17g", ci), collapse = " ")), "\n", sep = "")
}
