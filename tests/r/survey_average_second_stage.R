# lonely_psu = "average" at a second stage, where PSU 1 holds a single SSU. R's svymean gives a
# standard error of NaN there (options(survey.lonely.psu = "average"): within PSU 1 it scales by
# 1 stratum over 0 that are not lonely). wpsstats.survey_prevalence takes the ratio over all the
# PSUs' second stages together (4 PSUs over the 3 with more than one SSU); this script gives that
# answer from R's own pieces: the first stage's variance (a one-stage design), plus 4/3 of what the
# second stage adds under "remove" (the two-stage design's variance minus the first stage's);
# then the same for a difference between two domains (prevalence_difference).
# Run from the repository root:
#   Rscript tests/r/survey_average_second_stage.R > tests/r/survey_average_second_stage.Rout
suppressMessages(library(survey))
d <- data.frame(
  psu = rep(1:4, each = 6),
  ssu = c(1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 3, 1, 1, 1, 2, 2, 2, 1, 2, 2, 3, 3, 3),
  N1 = 10, N2 = rep(c(3, 5, 4, 6), each = 6),
  y = c(1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1),
  w = c(1, 2, 1, 3, 2, 1, 2, 2, 1, 1, 3, 1, 1, 1, 2, 2, 3, 1, 2, 1, 1, 2, 1, 3)
)
two <- svydesign(ids = ~psu + ssu, fpc = ~N1 + N2, weights = ~w, data = d)
one <- svydesign(ids = ~psu, fpc = ~N1, weights = ~w, data = d)
options(survey.lonely.psu = "average")
cat(sprintf("r_average_se=%.17g\n", SE(svymean(~y, two))))
options(survey.lonely.psu = "remove")
v2 <- SE(svymean(~y, two))^2
v1 <- SE(svymean(~y, one))^2
cat(sprintf("estimate=%.17g\n", coef(svymean(~y, two))))
cat(sprintf("first_stage_var=%.17g\n", v1))
cat(sprintf("remove_var=%.17g\n", v2))
cat(sprintf("average_over_psus_se=%.17g\n", sqrt(v1 + 4 / 3 * (v2 - v1))))
# The same for the difference between the domains a and b (rows alternate), as
# prevalence_difference gives it: svycontrast of svyby(covmat = TRUE), first stage plus 4/3 of
# what the second stage adds under "remove"; R's own "average" gives NaN here too.
d$dom <- rep(c("a", "b"), 12)
two <- svydesign(ids = ~psu + ssu, fpc = ~N1 + N2, weights = ~w, data = d)
one <- svydesign(ids = ~psu, fpc = ~N1, weights = ~w, data = d)
contrast <- function(des) svycontrast(svyby(~y, ~dom, des, svymean, covmat = TRUE), c(1, -1))
options(survey.lonely.psu = "average")
cat(sprintf("difference_r_average_se=%.17g\n", SE(contrast(two))))
options(survey.lonely.psu = "remove")
c2 <- contrast(two)
c1 <- contrast(one)
cat(sprintf("difference=%.17g\n", coef(c2)))
cat(sprintf("difference_average_over_psus_se=%.17g\n",
            sqrt(SE(c1)^2 + 4 / 3 * (SE(c2)^2 - SE(c1)^2))))
