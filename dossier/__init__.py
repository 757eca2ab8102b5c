"""dossier：把一份 YAML 企业档案变成完整的算法备案、大模型备案/登记材料包。"""

# The single source of the version (pyproject reads it): no importlib.metadata at start-up,
# which costs a tenth of a second on every command.
__version__ = "0.1.0"

__all__ = ["__version__"]
