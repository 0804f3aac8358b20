# The two beta-quantile intervals of x successes in n trials at level conf, as base R's qbeta
# gives them: the lower bound from the lower tail, the upper from the upper tail (never from
# 1 - alpha/2 in the lower, which loses alpha/2 next to 1). One row per method, with the beta
# shapes of each bound. Sourced by rates_edges.R and rates_mutations.R.
#   clopper_pearson  qbeta(alpha/2, x, n - x + 1), qbeta(alpha/2, x + 1, n - x, lower.tail = FALSE)
#                    (binom.test's conf.int); a shape of 0 gives 0 at x = 0 and 1 at x = n
#   jeffreys         qbeta(alpha/2, x + 1/2, n - x + 1/2) and the same upper tail
beta_bounds <- function(x, n, conf) {
  tail <- (1 - conf) / 2
  shapes <- list(
    clopper_pearson = c(x, n - x + 1, x + 1, n - x),
    jeffreys = c(x + 0.5, n - x + 0.5, x + 0.5, n - x + 0.5)
  )
  rows <- lapply(names(shapes), function(method) {
    s <- shapes[[method]]
    data.frame(method = method, lower = qbeta(tail, s[1], s[2]),
               upper = qbeta(tail, s[3], s[4], lower.tail = FALSE),
               a1 = s[1], b1 = s[2], a2 = s[3], b2 = s[4])
  })
  do.call(rbind, rows)
}
