#include "CLinearAlgebra.h"

/* BLAS (Fortran ABI) as exported by OpenBLAS. */
extern void dtrsm_(const char *side, const char *uplo, const char *transa, const char *diag, const int *m,
                   const int *n, const double *alpha, const double *a, const int *lda, double *b, const int *ldb);

int vl_solve_lower(const double *l, int n, int ldl, double *b, int nrhs) {
    if (n < 0 || nrhs < 0 || ldl < (n > 1 ? n : 1) || (n > 0 && (!l || !b))) return -1;
    if (n == 0 || nrhs == 0) return 0;
    /* Row-major L read as column-major is Lᵀ (upper): solve (Lᵀ)ᵀ X = B. */
    const double one = 1.0;
    dtrsm_("L", "U", "T", "N", &n, &nrhs, &one, l, &ldl, b, &n);
    return 0;
}
