# Golden values for the beta-quantile intervals at the edges of scipy's inverses (issue 20),
# computed with base R only (stats package).
#
#   Rscript tests/r/rates_edges.R > tests/golden/rates_edges_r.csv
#
# scipy's betaincinv and betainccinv stop early in places: where a beta shape parameter is 1000
# (x = 999 for the upper Clopper-Pearson bound, x = 1000 for the lower, and the mirror images
# n - x = 1000 and 999) from n about 10^5, and at very large n. One row per (method, x, n, conf):
#   clopper_pearson  binom.test's conf.int, that is qbeta(alpha/2, x, n - x + 1) and
#                    qbeta(alpha/2, x + 1, n - x, lower.tail = FALSE) (binom.test itself builds a
#                    vector of length n, which R cannot allocate for the largest n here)
#   jeffreys         qbeta(alpha/2, x + 1/2, n - x + 1/2) and the same upper tail
# tail_lower and tail_upper are R's pbeta at R's own bounds (lower and upper tail): alpha/2, to
# show that the reference is itself exact to within the spacing of floats at the bound.
# Values are printed with 17 significant digits.

suppressWarnings({

cases <- list()
for (n in c(1e5, 3e5, 1e6, 3e6, 1e7)) {
  for (x in c(998, 999, 1000, 1001, n - 1001, n - 1000, n - 999)) {
    cases[[length(cases) + 1]] <- c(x, n, 0.95)
  }
}
cases <- c(cases, list(
  c(999, 1e7, 0.99), c(1000, 1e7, 0.90), c(999, 1e6, 0.999), c(1e7 - 999, 1e7, 0.99),
  c(3333333, 1e7, 0.95), c(333333333, 1e9, 0.95), c(1, 1e9, 0.95), c(15, 1518994667, 0.95),
  c(4, 127509803, 0.999999)
))

source(file.path("tests", "r", "beta_bounds.R"))
fmt <- function(v) sprintf("%.17g", v)
out <- data.frame()
for (case in cases) {
  x <- case[[1]]; n <- case[[2]]; conf <- case[[3]]
  b <- beta_bounds(x, n, conf)
  out <- rbind(out, data.frame(
    method = b$method, x = fmt(x), n = fmt(n), conf = sprintf("%.15g", conf),
    lower = fmt(b$lower), upper = fmt(b$upper),
    tail_lower = fmt(pbeta(b$lower, b$a1, b$b1)),
    tail_upper = fmt(pbeta(b$upper, b$a2, b$b2, lower.tail = FALSE))
  ))
}
write.csv(out, stdout(), row.names = FALSE, quote = FALSE)

})
