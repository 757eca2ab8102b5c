"""Products and their functions (产品及功能信息, domain.md §2.4 D)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from dossier.profile.types import Markdown, Model, Text

ServiceForm = Literal["网站", "App", "小程序", "公众号", "API", "SDK", "客户端软件", "其他"]


class Function(Model):
    """A function of a product; its introduction is limited to 500 characters by the filing system."""

    name: Text = Field(title="功能名称", description="产品内的功能名称。")
    description: Markdown = Field(
        max_length=500, title="功能介绍", description="不超过 500 字（备案系统限制）。"
    )


class Product(Model):
    """A product (App, website, mini-program, API …) that an algorithm serves."""

    name: Text = Field(title="产品名称", description="对外名称，各文件中保持一致。")
    service_forms: list[ServiceForm] = Field(
        min_length=1, title="服务形式", description="网站、App、小程序、公众号、API、SDK、客户端软件或其他。"
    )
    url: Text = Field(title="访问地址", description="网址、应用商店名称或小程序名称。")
    access_path: list[Text] = Field(
        min_length=1, title="功能访问路径", description="从打开产品到使用算法功能的步骤，按顺序。"
    )
    functions: list[Function] = Field(min_length=1, title="功能列表", description="产品中用到算法的功能。")
    audience: Text = Field(title="服务对象", description="如“面向公众的个人用户”。")
    public: bool = Field(
        True, title="面向公众", description="是否向境内公众提供；仅内部使用的服务无需备案。"
    )
    opinion_attribute: bool = Field(
        title="具有舆论属性或社会动员能力",
        description="论坛、博客、微博、群聊、公众号、短视频、直播、信息分享、小程序等，或其他能引导舆论、动员社会的服务。",
    )
    real_name: bool = Field(title="需要实名认证", description="使用产品是否需要实名认证。")
    prior_licenses: list[Text] = Field(
        default_factory=list, title="前置许可", description="如 ICP 备案号、许可证号、行业许可。"
    )
    status: Literal["已上线", "未上线", "已下线"] = Field(
        "已上线", title="服务状态", description="已上线、未上线或已下线。"
    )
    launch_date: date | None = Field(
        None, title="上线日期", description="开始提供服务的日期；备案期限从这一天起算。"
    )
    dau: int | None = Field(None, ge=0, title="日活跃用户量", description="产品 DAU。")
    mau: int | None = Field(None, ge=0, title="月活跃用户量", description="产品 MAU。")
    minors: bool = Field(False, title="面向未成年人", description="是否可能有未成年人使用。")
