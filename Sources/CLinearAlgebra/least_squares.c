#include "CLinearAlgebra.h"

#include <stdlib.h>
#include <string.h>

/* LAPACK (Fortran ABI) as exported by OpenBLAS. */
extern void dgelsd_(const int *m, const int *n, const int *nrhs, double *a, const int *lda, double *b,
                    const int *ldb, double *s, const double *rcond, int *rank, double *work, const int *lwork,
                    int *iwork, int *info);

int vl_least_squares(const double *a, const double *b, int m, int n, double rcond, double *x, double *singular) {
    if (m <= 0 || n <= 0 || !a || !b || !x) return -1;
    int ldb = m > n ? m : n;
    int nrhs = 1;
    int minmn = m < n ? m : n;
    double *acol = malloc(sizeof(double) * (size_t)m * (size_t)n);
    double *bcol = calloc((size_t)ldb, sizeof(double));
    double *s = malloc(sizeof(double) * (size_t)minmn);
    if (!acol || !bcol || !s) { free(acol); free(bcol); free(s); return -1; }
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) acol[(size_t)j * (size_t)m + (size_t)i] = a[(size_t)i * (size_t)n + (size_t)j];
    memcpy(bcol, b, sizeof(double) * (size_t)m);
    int rank = 0, info = 0, lwork = -1, iworkQuery = 0;
    double workQuery = 0;
    dgelsd_(&m, &n, &nrhs, acol, &m, bcol, &ldb, s, &rcond, &rank, &workQuery, &lwork, &iworkQuery, &info);
    lwork = (int)workQuery + 1;
    int liwork = iworkQuery > 1 ? iworkQuery : 1;
    double *work = malloc(sizeof(double) * (size_t)lwork);
    int *iwork = malloc(sizeof(int) * (size_t)liwork);
    if (!work || !iwork) { free(acol); free(bcol); free(s); free(work); free(iwork); return -1; }
    dgelsd_(&m, &n, &nrhs, acol, &m, bcol, &ldb, s, &rcond, &rank, work, &lwork, iwork, &info);
    if (info == 0) {
        memcpy(x, bcol, sizeof(double) * (size_t)n);
        if (singular) memcpy(singular, s, sizeof(double) * (size_t)minmn);
    }
    free(acol); free(bcol); free(s); free(work); free(iwork);
    if (info < 0) return -1;
    if (info > 0) return -2;
    return rank;
}
