# R survey on small designs at the edges that a hand mutation audit of wpsstats' survey.py,
# design.py and design_columns.py found untested (tests/test_survey_mutations.py reads the output,
# survey_mutations_design.Rout, one "case quantity value" line each; NaN and NA as R prints them).
# Run: Rscript tests/r/survey_mutations_design.R > tests/r/survey_mutations_design.Rout
suppressMessages(library(survey))
out <- function(case, what, value) cat(case, what, sprintf("%.17g", as.numeric(value)), "\n")
ci <- function(case, s, method, level = 0.95) {
  r <- try(svyciprop(~y, s, method = method, level = level), silent = TRUE)
  if (inherits(r, "try-error")) {
    cat(case, paste0(method, "_error"), "1", "\n")
  } else {
    b <- attr(r, "ci")
    out(case, paste0(method, "_lower"), b[1])
    out(case, paste0(method, "_upper"), b[2])
  }
}

# zero_weights: domain "a" has rows of weight 0, all of PSU 3's among them (degf and deff count
# only rows of positive weight: 4 PSUs in 2 strata, 8 observations of the 10 rows)
d <- data.frame(
  y = c(1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0),
  dom = rep(c("a", "b"), 10), psu = rep(1:5, each = 4), st = c(rep(1, 12), rep(2, 8)),
  w = c(1, 2, 3, 1, 2, 2, 1, 3, 0, 1, 0, 2, 1, 3, 2, 1, 2, 1, 3, 2)
)
s <- subset(svydesign(ids = ~psu, strata = ~st, weights = ~w, data = d), dom == "a")
m <- svymean(~y, s, deff = "replace")
out("zero_weights", "estimate", coef(m))
out("zero_weights", "se", SE(m))
out("zero_weights", "degf", degf(s))
out("zero_weights", "deff", deff(m))
for (method in c("logit", "likelihood")) suppressWarnings(ci("zero_weights", s, method))

# df_zero: the domain lies in one PSU of a design of one stratum, so degf is 0 while its
# variance is exactly 0 with an estimate of 1/2: every method's bounds are NaN (likelihood stops)
d <- data.frame(y = c(1, 0, 1, 1, 0, 1), dom = c("a", "a", "b", "b", "b", "b"), psu = c(1, 1, 2, 2, 3, 3))
s <- subset(svydesign(ids = ~psu, weights = ~1, data = d), dom == "a")
out("df_zero", "estimate", coef(svymean(~y, s)))
out("df_zero", "se", SE(svymean(~y, s)))
out("df_zero", "degf", degf(s))
for (method in c("logit", "likelihood", "mean", "xlogit", "asin", "beta")) {
  suppressWarnings(ci("df_zero", s, method))
}

# small_lambda: 40 PSUs of (1, 0, 0) whose case weighs 1 + e: the design variance is about 6e-5
# of the model-based one; R profiles the deviance (no quadratic shortcut above lambda = 1e-8)
e <- 0.003 * ((0:39 * 7) %% 11 - 5)
d <- data.frame(y = rep(c(1, 0, 0), 40), w = as.vector(rbind(1 + e, 1, 1)), psu = rep(0:39, each = 3))
s <- svydesign(ids = ~psu, weights = ~w, data = d)
ci("small_lambda", s, "likelihood")

# small_lambda_few_psus: the same with 4 PSUs (e = 0, 0.003, -0.003, 0.006): 9 profile steps
# do not reach the cutoff, so R's bounds are NA
d <- data.frame(y = rep(c(1, 0, 0), 4), w = as.vector(rbind(1 + c(0, 0.003, -0.003, 0.006), 1, 1)),
                psu = rep(0:3, each = 3))
s <- svydesign(ids = ~psu, weights = ~w, data = d)
ci("small_lambda_few_psus", s, "likelihood")

# fpc_lonely: stratum A has one PSU of 4 in the population (lonely, correction 3/4); B 3 of 10;
# C 2 of 2 (sampled whole); D 2 of 2.0002 (correction 1e-4, above R's 1e-7 census cut);
# E 2 of 2.0000001 (correction 5e-8, below it: no variance). SE of the mean, of the domain
# dom == "a", and of the rows outside stratum B, for each lonely-PSU rule
d <- data.frame(
  psu = rep(1:10, each = 3),
  st = rep(c("A", "B", "B", "B", "C", "C", "D", "D", "E", "E"), each = 3),
  N = rep(c(4, 10, 10, 10, 2, 2, 2.0002, 2.0002, 2.0000001, 2.0000001), each = 3),
  y = c(1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0),
  w = c(2, 1, 3, 1, 2, 2, 3, 1, 1, 2, 2, 1, 1, 3, 2, 2, 1, 1, 3, 2, 1, 1, 1, 2, 2, 3, 1, 1, 2, 2),
  dom = rep(c("a", "b", "a"), 10)
)
for (lonely in c("adjust", "average", "certainty", "remove")) {
  options(survey.lonely.psu = lonely)
  des <- svydesign(ids = ~psu, strata = ~st, weights = ~w, fpc = ~N, data = d)
  out("fpc_lonely", paste0(lonely, "_se_all"), SE(svymean(~y, des)))
  out("fpc_lonely", paste0(lonely, "_se_a"), SE(svymean(~y, subset(des, dom == "a"))))
  out("fpc_lonely", paste0(lonely, "_se_not_b"), SE(svymean(~y, subset(des, st != "B"))))
}
options(survey.lonely.psu = "fail")
des <- svydesign(ids = ~psu, strata = ~st, weights = ~w, fpc = ~N, data = d)
cat("fpc_lonely fail_error", inherits(try(svymean(~y, des), silent = TRUE), "try-error") * 1, "\n")
# without stratum A and PSU 6, stratum C's single PSU is one of 1.00000005 (a correction of
# 5e-8, a census by R's cut): nothing is lonely
d2 <- d[d$st != "A" & d$psu != 6, ]
d2$N[d2$st == "C"] <- 1.00000005
des <- svydesign(ids = ~psu, strata = ~st, weights = ~w, fpc = ~N, data = d2)
out("fpc_lonely", "fail_se_without_a", SE(svymean(~y, des)))

# tiny_lambda: the same 40 PSUs with e a hundred times smaller: lambda is about 6e-9, below
# wpsstats' 1e-8, where it takes the profile's quadratic limit (R still profiles; the two agree
# to about 1e-10)
e <- 0.00003 * ((0:39 * 7) %% 11 - 5)
d <- data.frame(y = rep(c(1, 0, 0), 40), w = as.vector(rbind(1 + e, 1, 1)), psu = rep(0:39, each = 3))
s <- svydesign(ids = ~psu, weights = ~w, data = d)
ci("tiny_lambda", s, "likelihood")
# ... and the difference of the two domains' means on that design under lonely.psu = "average"
# (svycontrast of svyby(covmat = TRUE)): nothing is lonely, so nothing is scaled
options(survey.lonely.psu = "average")
des <- svydesign(ids = ~psu, strata = ~st, weights = ~w, fpc = ~N, data = d2)
by_dom <- svyby(~y, ~dom, des, svymean, covmat = TRUE)
con <- svycontrast(by_dom, c(1, -1))
out("fpc_lonely", "average_difference_without_a", coef(con))
out("fpc_lonely", "average_difference_se_without_a", SE(con))
