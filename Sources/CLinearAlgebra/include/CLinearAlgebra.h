#ifndef CLINEARALGEBRA_H
#define CLINEARALGEBRA_H

/// Least squares through LAPACK's SVD-based driver `dgelsd` (OpenBLAS): minimises ||A x - b||₂
/// for a row-major m×n matrix A. Rank-deficient systems get the minimum-norm solution; singular
/// values below rcond × the largest are treated as zero.
///
/// - x: receives n coefficients.
/// - singular: optional, receives min(m, n) singular values (largest first).
/// Returns the effective rank (≥ 0), or -1 for bad arguments or an allocation failure, or
/// -2 when the SVD did not converge.
int vl_least_squares(const double *a, const double *b, int m, int n, double rcond, double *x, double *singular);

/// Solves L X = B in place for a lower-triangular n×n matrix L stored row-major with leading
/// dimension ldl (BLAS `dtrsm`, OpenBLAS). B holds nrhs right-hand sides of n values each, one
/// after another (the column-major n×nrhs layout), and receives X.
/// Returns 0, or -1 for bad arguments.
int vl_solve_lower(const double *l, int n, int ldl, double *b, int nrhs);

#endif
