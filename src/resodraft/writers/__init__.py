"""Writers: :class:`~resodraft.model.Resolution` or :class:`~resodraft.redline.Redline` → bytes.

Each writer module is imported only when used, so ``resodraft --help`` stays fast.
"""
