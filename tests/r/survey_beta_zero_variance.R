# R survey on a design whose variance is zero while 0 < p < 1 (a documented difference: R gives
# (0.5, 0.5) whatever the estimate; wpsstats gives (p, p)). Output: survey_beta_zero_variance.Rout
suppressMessages(library(survey))
d1 <- data.frame(y=c(1,0,1,0,1,0), psu=c(1,1,2,2,3,3))
des1 <- svydesign(ids=~psu, data=d1, weights=~1)
r1 <- svyciprop(~y, des1, method="beta")
print(c(est=as.numeric(r1), ci=attr(r1,"ci")))
d2 <- data.frame(y=c(1,0,0,1,0,0,1,0,0), psu=c(1,1,1,2,2,2,3,3,3))
des2 <- svydesign(ids=~psu, data=d2, weights=~1)
r2 <- svyciprop(~y, des2, method="beta")
print(c(est=as.numeric(r2), ci=attr(r2,"ci")))
print(SE(svymean(~y, des2)))
