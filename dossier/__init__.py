"""dossier：把一份 YAML 企业档案变成完整的算法备案、大模型备案/登记材料包。"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dossier")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
