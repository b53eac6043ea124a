"""Turn raw Chinese document-site pages into a clean, versioned, auditable dataset."""

import os

__version__ = "0.1.0"

# NumPy's BLAS (OpenBLAS) starts a thread per core at import, and its threads spin after a
# call: the pipeline's one matrix product (dedup_lsh's band choice, once) gains nothing from
# them, and with one worker process per core they compete with the workers. Set before
# anything imports numpy; a value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
