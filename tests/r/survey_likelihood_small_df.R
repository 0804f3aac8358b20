# R survey's likelihood interval where the design has few clusters (df = 2): the profile's
# cutoff is F(1, n - 1)'s upper quantile at a tiny alpha, which scipy's f.isf got wrong (NaN
# bounds); wpsstats takes it from t. Output: survey_likelihood_small_df.Rout
suppressMessages(library(survey))
d <- data.frame(
  y = as.integer(unlist(lapply(c(2, 10, 18), function(k) seq_len(20) <= k))),
  w = 1, strata = 0, psu = rep(1:3, each = 20)
)
des <- svydesign(ids = ~psu, strata = ~strata, weights = ~w, data = d)
ci <- svyciprop(~y, des, method = "likelihood")
cat(sprintf("%.17g", c(est = as.numeric(ci), attr(ci, "ci"))), "\n")
